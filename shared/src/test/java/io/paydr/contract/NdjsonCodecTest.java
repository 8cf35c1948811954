package io.paydr.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

class NdjsonCodecTest {

    private static final String GOOD = Fixtures.resource("good.jsonl");

    private static byte[] write(List<PaymentTransaction> records, ContentEncoding enc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(records.size(), NdjsonWriter.writeAll(records, out, enc));
        return out.toByteArray();
    }

    private static List<PaymentTransaction> read(byte[] bytes, ContentEncoding enc) {
        List<PaymentTransaction> out = new ArrayList<>();
        try (NdjsonReader r = NdjsonReader.open(new ByteArrayInputStream(bytes), enc)) {
            r.forEachRemaining(out::add);
            assertEquals(out.size(), r.linesRead());
        }
        return out;
    }

    private static List<PaymentTransaction> goodRecords() {
        return List.of(
                new PaymentTransaction("tx-0001", "merchant-42", 1999, "EUR", PaymentStatus.CAPTURED,
                        Instant.parse("2026-11-25T16:38:15.123Z"), "us-east-1"),
                new PaymentTransaction("tx_0002", "Café \"Zürich\" \\ 東京", -500, "USD", PaymentStatus.REFUNDED,
                        Instant.parse("2026-11-25T16:38:15Z"), "us-west-2"),
                new PaymentTransaction("TX0003", "m", Long.MAX_VALUE, "JPY", PaymentStatus.CHARGEBACK,
                        Instant.parse("0001-01-01T00:00:00Z"), "us-gov-west-1"));
    }

    @Test
    void writesTheExactWireFormatColumnNamesMillisAndIntegerAmounts() {
        assertEquals(GOOD, new String(write(goodRecords(), ContentEncoding.IDENTITY), StandardCharsets.UTF_8));
    }

    @Test
    void readsTheFixtureIntoRecords() {
        assertEquals(goodRecords(), read(GOOD.getBytes(StandardCharsets.UTF_8), ContentEncoding.IDENTITY));
    }

    @ParameterizedTest
    @EnumSource(ContentEncoding.class)
    void roundTripsInBothEncodings(ContentEncoding enc) throws IOException {
        List<PaymentTransaction> batch = Fixtures.batch(1000);
        byte[] bytes = write(batch, enc);
        assertEquals(batch, read(bytes, enc));
        if (enc == ContentEncoding.GZIP) {
            byte[] plain = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            assertArrayEquals(write(batch, ContentEncoding.IDENTITY), plain, "gzip wraps the same JSON Lines");
        }
    }

    /**
     * The hand-written encoder must produce what Jackson reads back as the same values, for any string and amount,
     * and Jackson's very bytes where no surrogates are involved (we write non-BMP characters as 4-byte UTF-8 where
     * Jackson escapes the surrogate pair).
     */
    @Test
    void encodesAnyStringAndAmountExactlyLikeJackson() throws IOException {
        java.util.Random random = new java.util.Random(42);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        char[] interesting = {'"', '\\', '\n', '\r', '\t', '\b', '\f', 0, 0x1f, 0x7f, 0xe9, 0x6771, 0xd83d, 0xde00, 'a'};
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                sb.append(random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                        : (char) random.nextInt(0x10000));
            }
            String s = sb.toString();
            long amount = round < 3 ? new long[]{Long.MIN_VALUE, Long.MAX_VALUE, 0}[round] : random.nextLong();
            PaymentTransaction r = new PaymentTransaction(s, s, amount, s, PaymentStatus.DECLINED,
                    Instant.ofEpochMilli(random.nextLong() % 253_402_300_799_999L), s);
            String ours = new String(write(List.of(r), ContentEncoding.IDENTITY), StandardCharsets.UTF_8);
            java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("transaction_id", s);
            expected.put("merchant_id", s);
            expected.put("amount_minor", amount);
            expected.put("currency", s);
            expected.put("status", "DECLINED");
            expected.put("occurred_at", java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(r.occurredAt()));
            expected.put("source_region", s);
            String jackson = new String(mapper.writeValueAsBytes(expected), StandardCharsets.UTF_8) + "\n";
            assertEquals(s, mapper.readTree(ours).get("merchant_id").asText(), "reads back, round " + round);
            if (hasLoneSurrogate(s)) {
                continue; // lone surrogates: Jackson has no faithful UTF-8 form either; we escape them
            }
            assertEquals(mapper.readTree(jackson), mapper.readTree(ours), "round " + round);
            if (s.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
                assertEquals(jackson, ours, "byte-identical without surrogates, round " + round);
            }
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void truncatesSubMillisecondPrecisionOnTheWire() {
        PaymentTransaction fine = new PaymentTransaction("t", "m", 1, "EUR", PaymentStatus.AUTHORIZED,
                Instant.parse("2026-11-25T16:38:15.123456789Z"), "us-east-1");
        String line = new String(write(List.of(fine), ContentEncoding.IDENTITY), StandardCharsets.UTF_8);
        assertTrue(line.contains("\"occurred_at\":\"2026-11-25T16:38:15.123Z\""), line);
    }

    static Stream<Arguments> badLines() {
        return Fixtures.tsv("bad-lines.tsv").stream().map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void rejectsBadLinesWithReasonAndLineNumber(String reason, String badLine) {
        String[] good = GOOD.split("\n");
        String payload = good[0] + "\n" + badLine + "\n" + good[2] + "\n";
        try (NdjsonReader r = NdjsonReader.open(
                new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), ContentEncoding.IDENTITY)) {
            assertEquals("tx-0001", r.next().transactionId());
            MalformedPayloadException e = assertThrows(MalformedPayloadException.class, r::next, badLine);
            assertEquals(ReasonCode.valueOf(reason), e.reason(), e.getMessage());
            assertEquals(2, e.lineNumber(), e.getMessage());
            assertNull(e.getCause(), "no cause that could quote the payload");
            for (String secret : List.of("19.99", "SETTLED", "mars", "eur", "note", "not json")) {
                assertFalse(e.detail().contains(secret), "detail must not echo payload: " + e.detail());
            }
        }
    }

    @Test
    void rejectsCorruptAndTruncatedGzip() {
        byte[] gz = write(Fixtures.batch(2000), ContentEncoding.GZIP);
        MalformedPayloadException notGzip = assertThrows(MalformedPayloadException.class,
                () -> NdjsonReader.open(new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)),
                        ContentEncoding.GZIP));
        assertEquals(ReasonCode.MALFORMED_PAYLOAD, notGzip.reason());

        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
        MalformedPayloadException cut = assertThrows(MalformedPayloadException.class,
                () -> read(truncated, ContentEncoding.GZIP));
        assertEquals(ReasonCode.MALFORMED_PAYLOAD, cut.reason());
    }

    /** Found by fuzzing: Jackson would guess UTF-16/32 from NUL bytes or a byte-order mark and decode it. */
    @Test
    void onlyUtf8IsAccepted() {
        byte[] utf16 = GOOD.getBytes(StandardCharsets.UTF_16LE);
        byte[] utf8Bom = ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_8);
        byte[] utf32Like = {0, 0, 0, '{', 0x1f, (byte) 0x8b, 8, 8};
        for (byte[] payload : List.of(utf16, utf8Bom, utf32Like, GOOD.getBytes(StandardCharsets.UTF_16))) {
            MalformedPayloadException e = assertThrows(MalformedPayloadException.class,
                    () -> read(payload, ContentEncoding.IDENTITY));
            assertEquals(ReasonCode.MALFORMED_PAYLOAD, e.reason());
        }
        String line = GOOD.split("\n")[0].replace("merchant-42", "merchant-X") + "\n";
        byte[] badUtf8 = line.getBytes(StandardCharsets.UTF_8);
        badUtf8[line.indexOf('X')] = (byte) 0xFF;
        assertEquals(ReasonCode.MALFORMED_PAYLOAD, assertThrows(MalformedPayloadException.class,
                () -> read(badUtf8, ContentEncoding.IDENTITY)).reason());
    }

    @Test
    void ioErrorsOfTheSourceAreNotVerdictsOnThePayload() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThrows(UncheckedIOException.class, () -> {
            try (NdjsonReader r = NdjsonReader.open(failing, ContentEncoding.IDENTITY)) {
                r.hasNext();
            }
        });
    }

    @Test
    void emptyPayloadHasNoRecordsAndTrailingNewlinesAreAccepted() {
        assertEquals(List.of(), read(new byte[0], ContentEncoding.IDENTITY));
        assertEquals(3, read((GOOD + "\n").getBytes(StandardCharsets.UTF_8), ContentEncoding.IDENTITY).size());
        String noFinalNewline = GOOD.substring(0, GOOD.length() - 1);
        assertEquals(3, read(noFinalNewline.getBytes(StandardCharsets.UTF_8), ContentEncoding.IDENTITY).size());
    }

    /**
     * Memory stays flat: 100,000 records are generated lazily, written through gzip into a 64 KiB pipe and read back
     * on the other side while the writer is still writing. Neither side ever holds the batch or the payload: the
     * payload is far larger than the pipe, so the writer could not finish unless the reader consumed as it went.
     */
    @Test
    void streams100kRecordsThroughWriterAndReaderWithoutHoldingThem() throws Exception {
        int n = 100_000;
        PipedInputStream pipeIn = new PipedInputStream(64 * 1024);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        CompletableFuture<long[]> writer = CompletableFuture.supplyAsync(() -> {
            DigestingOutputStream counted = new DigestingOutputStream(pipeOut);
            long written = NdjsonWriter.writeAll(lazyRecords(n), counted, ContentEncoding.GZIP);
            return new long[]{written, counted.bytesWritten()};
        });
        long count = 0;
        long amountSum = 0;
        try (NdjsonReader reader = NdjsonReader.open(pipeIn, ContentEncoding.GZIP)) {
            while (reader.hasNext()) {
                PaymentTransaction r = reader.next();
                assertEquals("tx-" + count, r.transactionId());
                amountSum += r.amountMinor();
                count++;
            }
            assertEquals(n, reader.linesRead());
        }
        long[] written = writer.get(60, TimeUnit.SECONDS);
        assertEquals(n, written[0]);
        assertEquals(n, count);
        assertEquals(expectedAmountSum(n), amountSum);
        assertTrue(written[1] > 4 * 64 * 1024, "payload (" + written[1] + " bytes) must dwarf the pipe buffer");
    }

    private static long expectedAmountSum(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Fixtures.valid(i).amountMinor();
        }
        return sum;
    }

    private static Iterable<PaymentTransaction> lazyRecords(int n) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public PaymentTransaction next() {
                return Fixtures.valid(i++);
            }
        };
    }
}
