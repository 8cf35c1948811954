package io.paydr.ingest.config;

import java.util.Optional;

/**
 * Keeps the payload limits within what one invocation can afford, checked at start-up so the configuration cannot
 * contradict itself:
 * <ul>
 *   <li>{@code MAX_PAYLOAD_BYTES <= MAX_DECODED_PAYLOAD_BYTES}: an uncompressed payload decodes to itself;</li>
 *   <li>time: the largest payload verifies in at most half of {@code FUNCTION_TIMEOUT_SECONDS} (the rest stages and
 *       loads), at {@link #VERIFY_BYTES_PER_SECOND} per vCPU, with Lambda's vCPU share of the function's memory
 *       (1,769 MB is one vCPU, AWS Lambda Developer Guide, "Lambda memory and computing power");</li>
 *   <li>memory: {@link #PARALLEL_READS} payloads verified at once, each holding its staged rows (about
 *       {@link #STAGED_BYTES_PER_DECODED_BYTE} times its decoded size), fit in {@link #MEMORY_SHARE} of the memory.</li>
 * </ul>
 * The time and memory checks run when the variables are known: Lambda sets AWS_LAMBDA_FUNCTION_MEMORY_SIZE, the
 * template sets FUNCTION_TIMEOUT_SECONDS from the same parameter as the function's Timeout.
 */
public final class VerificationBudget {
    /**
     * Decoded bytes verified per second on one vCPU: read, gunzip, SHA-256, decode and validate every record, hash
     * and stage it. Measured at 62 MB/s for gzip payloads and 125 MB/s uncompressed on one core of a loaded 2-core
     * machine (docs/benchmarks.md, VerificationRateBenchmark); a third of that leaves room for a noisy neighbour.
     */
    public static final long VERIFY_BYTES_PER_SECOND = 20_000_000;
    public static final int PARALLEL_READS = 4;
    public static final double STAGED_BYTES_PER_DECODED_BYTE = 2.5;
    public static final double MEMORY_SHARE = 0.75;
    private static final double MEGABYTES_PER_VCPU = 1769;

    private VerificationBudget() {
    }

    static void check(long maxPayloadBytes, long maxDecodedBytes, Optional<Long> timeoutSeconds,
                      Optional<Long> memoryMegabytes) {
        if (maxPayloadBytes > maxDecodedBytes) {
            throw new ConfigurationException(IngestConfig.MAX_PAYLOAD_BYTES, "(" + maxPayloadBytes + ") must not exceed "
                    + IngestConfig.MAX_DECODED_PAYLOAD_BYTES + " (" + maxDecodedBytes + "): an uncompressed payload"
                    + " decodes to itself");
        }
        double vcpus = memoryMegabytes.map(mb -> Math.min(1.0, mb / MEGABYTES_PER_VCPU)).orElse(1.0);
        timeoutSeconds.ifPresent(timeout -> {
            double seconds = maxDecodedBytes / (VERIFY_BYTES_PER_SECOND * vcpus);
            if (seconds > timeout / 2.0) {
                throw new ConfigurationException(IngestConfig.MAX_DECODED_PAYLOAD_BYTES, "(" + maxDecodedBytes
                        + ") takes about " + Math.round(seconds) + " s to verify at "
                        + VERIFY_BYTES_PER_SECOND / 1_000_000 + " MB/s" + memoryMegabytes.map(mb -> " on the "
                        + String.format("%.2f", vcpus) + " vCPU of " + mb + " MB").orElse("") + ", more than half of "
                        + IngestConfig.FUNCTION_TIMEOUT_SECONDS + " (" + timeout + " s): lower it or raise the timeout");
            }
        });
        memoryMegabytes.ifPresent(mb -> {
            double needed = PARALLEL_READS * STAGED_BYTES_PER_DECODED_BYTE * maxDecodedBytes / (1 << 20);
            if (needed > MEMORY_SHARE * mb) {
                throw new ConfigurationException(IngestConfig.MAX_DECODED_PAYLOAD_BYTES, "(" + maxDecodedBytes
                        + ") needs about " + Math.round(needed) + " MB to verify " + PARALLEL_READS + " payloads at once,"
                        + " more than " + Math.round(MEMORY_SHARE * 100) + "% of "
                        + IngestConfig.AWS_LAMBDA_FUNCTION_MEMORY_SIZE + " (" + mb + " MB): lower it or add memory");
            }
        });
    }
}
