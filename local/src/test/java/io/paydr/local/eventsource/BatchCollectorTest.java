package io.paydr.local.eventsource;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batching rules, driven by a scripted sequence of receive results (no queue involved). */
class BatchCollectorTest {

    private final List<int[]> calls = new ArrayList<>();

    @Test
    void withoutAWindowOneReceiveFormsTheBatch() {
        BatchCollector c = collector(EventSourceSettings.builder().batchSize(10).waitTimeSeconds(20).build(),
                List.of(), List.of(), messages(3, 10), messages(5, 10));
        assertEquals(3, c.collect().size());
        assertEquals(List.of(20, 20, 20), waits());
        assertEquals(10, calls.get(0)[0], "asks for up to 10 per receive");
    }

    @Test
    void withAWindowKeepsReceivingUntilBatchSizeAndNeverAsksForMore() {
        BatchCollector c = collector(EventSourceSettings.builder().batchSize(25).batchingWindow(Duration.ofSeconds(30))
                .waitTimeSeconds(5).build(), messages(10, 10), messages(10, 10), messages(5, 10), messages(9, 10));
        assertEquals(25, c.collect().size());
        assertEquals(List.of(10, 10, 5), calls.stream().map(a -> a[0]).toList());
        assertEquals(5, calls.get(0)[1], "the first receive long-polls with the configured wait");
    }

    @Test
    void smallBatchSizeCapsTheReceive() {
        BatchCollector c = collector(EventSourceSettings.builder().batchSize(4).build(), messages(4, 10));
        assertEquals(4, c.collect().size());
        assertEquals(4, calls.get(0)[0]);
    }

    @Test
    void stopsBeforeTheNextReceiveCouldExceedSixMegabytes() {
        BatchCollector c = collector(EventSourceSettings.builder().batchSize(1000).batchingWindow(Duration.ofSeconds(60))
                .build(), messages(10, 200 * 1024), messages(10, 200 * 1024), messages(10, 200 * 1024), messages(10, 1));
        assertEquals(20, c.collect().size(), "4 MB gathered; one more receive could reach 6.5 MB");
    }

    @Test
    void windowEndsTheBatchEvenWhenNothingMoreArrives() {
        List<List<Message>> script = new ArrayList<>();
        script.add(messages(2, 10));
        IntStream.range(0, 10_000).forEach(i -> script.add(List.of()));
        BatchCollector c = collector(EventSourceSettings.builder().batchSize(50).batchingWindow(Duration.ofSeconds(1))
                .waitTimeSeconds(20).build(), script.toArray(List[]::new));
        assertEquals(2, c.collect().size());
        assertEquals(0, calls.get(1)[1], "receives inside the last second of the window do not long-poll past it");
    }

    @SafeVarargs
    private BatchCollector collector(EventSourceSettings settings, List<Message>... script) {
        Deque<List<Message>> queue = new ArrayDeque<>(List.of(script));
        return new BatchCollector((max, wait) -> {
            calls.add(new int[] {max, wait});
            List<Message> next = queue.isEmpty() ? List.of() : queue.poll();
            return next.subList(0, Math.min(max, next.size()));
        }, settings, () -> true);
    }

    private List<Integer> waits() {
        return calls.stream().map(a -> a[1]).toList();
    }

    private static List<Message> messages(int n, int bodyBytes) {
        String body = "x".repeat(bodyBytes);
        return IntStream.range(0, n).mapToObj(i -> Message.builder().messageId("m" + i).body(body).build()).toList();
    }
}
