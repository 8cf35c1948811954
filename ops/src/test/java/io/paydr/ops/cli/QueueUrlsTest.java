package io.paydr.ops.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueueUrlsTest {

    @Test
    void regionComesFromAwsQueueUrlsOnly() {
        assertEquals("us-west-2", QueueUrls.regionOf("https://sqs.us-west-2.amazonaws.com/123456789012/paydr-ingest"));
        assertNull(QueueUrls.regionOf("http://localhost:9324/000000000000/paydr-ingest"));
        assertNull(QueueUrls.regionOf(null));
    }
}
