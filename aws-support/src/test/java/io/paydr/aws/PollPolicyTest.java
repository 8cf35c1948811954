package io.paydr.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PollPolicyTest {
    @Test
    void backsOffExponentiallyUpToTheCap() {
        PollPolicy policy = new PollPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50));

        Duration second = policy.next(policy.initial());
        Duration third = policy.next(second);
        Duration fourth = policy.next(third);

        assertEquals(Duration.ofMillis(20), second);
        assertEquals(Duration.ofMillis(40), third);
        assertEquals(Duration.ofMillis(50), fourth);
        assertEquals(Duration.ofMillis(50), policy.next(fourth));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new PollPolicy(Duration.ZERO, 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new PollPolicy(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new PollPolicy(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1)));
    }

    @Test
    void deadlineCountsDownOnItsClock() {
        AtomicLong now = new AtomicLong(1_000);
        Deadline deadline = Deadline.after(Duration.ofNanos(500), now::get);

        now.addAndGet(200);
        assertEquals(Duration.ofNanos(300), deadline.remaining());
        assertFalse(deadline.isExpired());
        now.addAndGet(400);
        assertEquals(Duration.ZERO, deadline.remaining());
        assertTrue(deadline.isExpired());
    }
}
