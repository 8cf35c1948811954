package io.paydr.ops.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Region of an AWS queue URL, so that {@code --region} can be left out against AWS. */
final class QueueUrls {

    private static final Pattern AWS_QUEUE = Pattern.compile("https://sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/.*");

    private QueueUrls() {
    }

    /** The Region in {@code https://sqs.<region>.amazonaws.com/...}, or null (devstack, legacy URLs, null). */
    static String regionOf(String queueUrl) {
        if (queueUrl == null) {
            return null;
        }
        Matcher m = AWS_QUEUE.matcher(queueUrl);
        return m.matches() ? m.group(1) : null;
    }
}
