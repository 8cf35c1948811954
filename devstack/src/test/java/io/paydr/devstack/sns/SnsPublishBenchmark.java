package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Prints Publish throughput of devstack SNS side by side with a direct SQS SendMessage, one thread, same run:
 * Publish without subscribers (server cost), with one raw subscription (one SendMessage behind it) and with
 * one envelope subscription (adds the RSA signature). Run:
 * {@code mvn -q -pl devstack test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.paydr.devstack.sns.SnsPublishBenchmark [-Dexec.args=2000]}
 */
public final class SnsPublishBenchmark {

    private SnsPublishBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults());
             SqsClient sqs = devstack.sqs(DevRegion.PRIMARY);
             SnsClient sns = devstack.sns(DevRegion.PRIMARY)) {
            String queueUrl = sqs.createQueue(b -> b.queueName("bench-" + UUID.randomUUID())).queueUrl();
            String queueArn = TestQueue.arnOf(sqs, queueUrl);
            String bare = sns.createTopic(b -> b.name("bench-bare")).topicArn();
            String raw = topicWith(sns, "bench-raw", queueArn, true);
            String envelope = topicWith(sns, "bench-envelope", queueArn, false);
            String body = "x".repeat(300);

            double direct = rate(n, i -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)));
            double none = rate(n, i -> sns.publish(b -> b.topicArn(bare).message(body)));
            double rawRate = rate(n, i -> sns.publish(b -> b.topicArn(raw).message(body)));
            double envelopeRate = rate(n, i -> sns.publish(b -> b.topicArn(envelope).message(body)));
            System.out.printf("messages per case: %d (300-byte body, one client thread)%n", n);
            System.out.printf("%-42s %8.0f msg/s  1.00%n", "SQS SendMessage direct", direct);
            print("SNS Publish, no subscription", none, direct);
            print("SNS Publish, 1 raw sqs subscription", rawRate, direct);
            print("SNS Publish, 1 envelope sqs subscription", envelopeRate, direct);
        }
    }

    private static String topicWith(SnsClient sns, String name, String queueArn, boolean raw) {
        String arn = sns.createTopic(b -> b.name(name)).topicArn();
        sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", Boolean.toString(raw))));
        return arn;
    }

    /** Messages per second after a warm-up of n/5 calls. */
    private static double rate(int n, IntConsumer call) {
        for (int i = 0; i < n / 5; i++) {
            call.accept(i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.accept(i);
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void print(String label, double rate, double direct) {
        System.out.printf("%-42s %8.0f msg/s  %.2f%n", label, rate, rate / direct);
    }
}
