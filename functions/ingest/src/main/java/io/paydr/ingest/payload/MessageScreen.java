package io.paydr.ingest.payload;

import io.paydr.contract.InboundMessage;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.ReasonCode;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.aws.TableName;

/**
 * The checks that need no I/O: the message parses (every shape the contract accepts, docs/architecture.md §2, via
 * {@link InboundMessage}), its dataset is registered, its bucket is allowed, its key is sane, under the dataset's
 * prefix ({@code <dataset>/}) and named after its batch ({@code <batch_id>.jsonl}, {@code .jsonl.gz} when gzip), and
 * its declared size is within MAX_PAYLOAD_BYTES. Throws {@link MessageRejectedException}.
 */
public final class MessageScreen {
    static final String INLINE_KEY_PREFIX = "inline/";
    private static final int MAX_KEY_LENGTH = 1024;

    private final IngestConfig config;

    public MessageScreen(IngestConfig config) {
        this.config = config;
    }

    public PayloadRequest screen(ReceivedMessage message) {
        return screen(message, parse(message));
    }

    /** The message's parsed form (pointer or inline body, attributes); throws for any shape the contract refuses. */
    public InboundMessage parse(ReceivedMessage message) {
        return InboundMessage.parse(message.body(), message.attributes());
    }

    /** The checks after parsing: a rejection here can name the object the message points to. */
    public PayloadRequest screen(ReceivedMessage message, InboundMessage inbound) {
        String dataset = inbound.attributes().dataset();
        TableName table = config.tableFor(dataset).orElseThrow(() -> new MessageRejectedException(
                ReasonCode.UNKNOWN_DATASET, "dataset " + dataset + " is not registered"));
        String payloadKey = inbound.pointer().map(pointer -> checkedKey(pointer, dataset, inbound))
                .orElseGet(() -> INLINE_KEY_PREFIX + inbound.attributes().batchId());
        inbound.attributes().payloadSize().ifPresent(this::requireAllowedSize);
        return new PayloadRequest(message, inbound, table, payloadKey);
    }

    private String checkedKey(PayloadPointer pointer, String dataset, InboundMessage inbound) {
        if (!config.isBucketAllowed(pointer.bucket())) {
            throw new MessageRejectedException(ReasonCode.BUCKET_NOT_ALLOWED,
                    "bucket " + printable(pointer.bucket()) + " is not in the allowlist");
        }
        requireSaneKey(pointer.key());
        if (!pointer.key().startsWith(dataset + "/")) {
            throw new MessageRejectedException(ReasonCode.KEY_OUTSIDE_DATASET_PREFIX,
                    "object key is not under " + dataset + "/, the prefix of dataset " + dataset);
        }
        requireBatchFileName(pointer.key(), inbound.attributes());
        return pointer.key();
    }

    /** The publisher names a payload after its batch; another name means the message and the object disagree. */
    static void requireBatchFileName(String key, PayloadAttributes attributes) {
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        String expected = attributes.batchId() + attributes.contentEncoding().keySuffix();
        if (!fileName.equals(expected)) {
            boolean otherSuffix = fileName.startsWith(attributes.batchId() + ".");
            throw new MessageRejectedException(otherSuffix ? ReasonCode.BAD_KEY : ReasonCode.BATCH_ID_MISMATCH,
                    otherSuffix ? "object key's suffix does not match content_encoding " + attributes.contentEncoding()
                            .headerValue() : "object key's file name is not <batch_id>" + attributes.contentEncoding()
                            .keySuffix());
        }
    }

    /** Also checked against the object itself when it is read: the attribute is the sender's word. */
    private void requireAllowedSize(long storedBytes) {
        if (storedBytes > config.maxPayloadBytes()) {
            throw tooLarge(storedBytes, config.maxPayloadBytes());
        }
    }

    static MessageRejectedException tooLarge(long storedBytes, long limit) {
        return new MessageRejectedException(ReasonCode.PAYLOAD_TOO_LARGE, "payload of " + storedBytes
                + " bytes exceeds MAX_PAYLOAD_BYTES (" + limit + ")");
    }

    /**
     * Object keys are written by our publisher, so anything outside its alphabet is refused rather than escaped:
     * letters, digits and {@code / _ - = .}, no empty or dot-dot segments, at most 1,024 characters.
     */
    static void requireSaneKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw badKey("must have 1-" + MAX_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '/' || c == '_' || c == '-' || c == '=' || c == '.')) {
                throw badKey("contains a character outside [A-Za-z0-9/_=.-] at index " + i);
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw badKey("has an empty, '.' or '..' segment");
            }
        }
    }

    private static MessageRejectedException badKey(String rule) {
        return new MessageRejectedException(ReasonCode.BAD_KEY, "object key " + rule);
    }

    private static String printable(String value) {
        return value.length() <= 63 ? value.replaceAll("[^a-z0-9.-]", "?") : "(long name)";
    }
}
