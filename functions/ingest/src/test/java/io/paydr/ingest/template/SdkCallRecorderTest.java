package io.paydr.ingest.template;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The recorder sees real SDK calls over real sockets, maps them to IAM actions, and nothing outside a recording. */
class SdkCallRecorderTest {

    @Test
    void recordsTheOperationsOfARecordingAndMapsThemToIamActions() {
        Devstack ds = Devstack.shared();
        String bucket = "paydr-recorder-test";
        ds.s3(DevRegion.PRIMARY).createBucket(r -> r.bucket(bucket));
        ds.s3(DevRegion.PRIMARY).putObject(r -> r.bucket(bucket).key("k"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));

        SdkCallRecorder.start();
        ds.s3(DevRegion.PRIMARY).headObject(r -> r.bucket(bucket).key("k"));
        ds.sqs(DevRegion.PRIMARY).listQueues();
        Set<SdkCallRecorder.Call> calls = SdkCallRecorder.stop();
        ds.s3(DevRegion.PRIMARY).deleteObject(r -> r.bucket(bucket).key("k"));

        assertEquals(Set.of(new SdkCallRecorder.Call("S3", "HeadObject", Optional.of(bucket), Optional.of("k")),
                new SdkCallRecorder.Call("Sqs", "ListQueues", Optional.empty(), Optional.empty())), calls);
        assertEquals(Set.of("s3:GetObject", "sqs:ListQueues"),
                Set.copyOf(calls.stream().map(SdkCallRecorder.Call::iamAction).toList()));
    }
}
