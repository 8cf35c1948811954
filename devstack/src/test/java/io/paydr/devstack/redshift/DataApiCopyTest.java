package io.paydr.devstack.redshift;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COPY ... FROM 's3://...' FORMAT JSON 'auto' against the devstack S3, through the Data API. */
class DataApiCopyTest {

    static final String BUCKET = "redshift-copy-test";
    static TestWarehouse wh;
    static S3Client s3;

    @BeforeAll
    static void start() {
        wh = TestWarehouse.start();
        s3 = TestWarehouse.s3();
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stop() {
        wh.close();
        s3.close();
    }

    @Test
    void copiesGzipJsonLinesUnderAPrefix() {
        String table = freshTable();
        String prefix = "prefix-" + UUID.randomUUID() + "/2026/11/25/";
        put(prefix + "part-1.json.gz", gzip("""
                {"transaction_id":"t1","merchant_id":"m1","amount_minor":100,"currency":"EUR","occurred_at":"2026-11-25T10:00:00Z","extra":{"x":1}}
                {"Transaction_ID":"t2","MERCHANT_ID":"m\\ttab\\\\slash","amount_minor":-5,"currency":"USD","occurred_at":"2026-11-25T10:00:01.250Z","note":null}
                """));
        put(prefix + "part-2.json.gz", gzip("{\"transaction_id\":\"t3\",\"merchant_id\":\"Zürich ✓ \uD83D\uDE00\",\"amount_minor\":7,"
                + "\"currency\":\"CHF\",\"occurred_at\":\"2026-11-25 10:00:02\"}\n"));
        put(prefix.replace("/25/", "/26/") + "not-under-prefix.json.gz", gzip("{\"transaction_id\":\"outside\"}\n"));

        DescribeStatementResponse d = wh.ok("COPY " + table + " FROM 's3://" + BUCKET + "/" + prefix + "' "
                + "IAM_ROLE default FORMAT AS JSON 'auto ignorecase' GZIP REGION AS 'us-east-1' TIMEFORMAT AS 'auto' ACCEPTINVCHARS");
        assertEquals(3, d.resultRows());

        List<List<Field>> rows = select("SELECT transaction_id, merchant_id, amount_minor, currency, occurred_at, note FROM "
                + table + " ORDER BY transaction_id");
        assertEquals(3, rows.size());
        assertEquals("t1", rows.get(0).get(0).stringValue());
        assertEquals(100L, rows.get(0).get(2).longValue());
        assertEquals("2026-11-25 10:00:00", rows.get(0).get(4).stringValue());
        assertTrue(rows.get(0).get(5).isNull(), "missing key loads NULL");
        assertEquals("m\ttab\\slash", rows.get(1).get(1).stringValue(), "'auto ignorecase' matches keys of any case; escapes survive");
        assertEquals(-5L, rows.get(1).get(2).longValue());
        assertEquals("2026-11-25 10:00:01.25", rows.get(1).get(4).stringValue());
        assertEquals("Zürich ✓ \uD83D\uDE00", rows.get(2).get(1).stringValue());
    }

    @Test
    void aFromPathNamingAnObjectStillLoadsEveryObjectItPrefixes() {
        String table = freshTable();
        String key = "exact-" + UUID.randomUUID() + "/payments.json";
        put(key, (line("x-1", 1) + line("x-2", 2)).getBytes(StandardCharsets.UTF_8));
        put(key + ".part2", line("x-3", 3).getBytes(StandardCharsets.UTF_8));
        DescribeStatementResponse d = wh.ok("COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' IAM_ROLE default FORMAT JSON 'auto'");
        assertEquals(3, d.resultRows(), "as on Redshift, the FROM path is a key prefix even when it names an object");
        assertEquals(List.of("x-1", "x-2", "x-3"), select("SELECT transaction_id FROM " + table + " ORDER BY 1")
                .stream().map(r -> r.get(0).stringValue()).toList());
    }

    @Test
    void copiesTheFilesOfAManifestAndIgnoresMissingOptionalOnes() {
        String table = freshTable();
        String run = "manifest-" + UUID.randomUUID();
        put(run + "/a.json", line("m-a", 1).getBytes(StandardCharsets.UTF_8));
        put(run + "/b.json", (line("m-b", 2) + line("m-c", 3)).getBytes(StandardCharsets.UTF_8));
        put(run + "/unlisted.json", line("m-unlisted", 4).getBytes(StandardCharsets.UTF_8));
        put(run + "/load.manifest", ("{\"entries\":[{\"url\":\"s3://" + BUCKET + "/" + run + "/a.json\",\"mandatory\":true},"
                + "{\"url\":\"s3://" + BUCKET + "/" + run + "/b.json\",\"mandatory\":true},"
                + "{\"url\":\"s3://" + BUCKET + "/" + run + "/gone.json\",\"mandatory\":false}]}").getBytes(StandardCharsets.UTF_8));

        DescribeStatementResponse d = wh.ok("COPY " + table + " (transaction_id, merchant_id, amount_minor, currency, occurred_at) "
                + "FROM 's3://" + BUCKET + "/" + run + "/load.manifest' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' "
                + "MANIFEST FORMAT JSON 'auto'");
        assertEquals(3, d.resultRows());
        assertEquals(List.of("m-a", "m-b", "m-c"), select("SELECT transaction_id FROM " + table + " ORDER BY 1")
                .stream().map(r -> r.get(0).stringValue()).toList());

        put(run + "/missing.manifest", ("{\"entries\":[{\"url\":\"s3://" + BUCKET + "/" + run + "/gone.json\",\"mandatory\":true}]}")
                .getBytes(StandardCharsets.UTF_8));
        DescribeStatementResponse missing = wh.run("COPY " + table + " FROM 's3://" + BUCKET + "/" + run + "/missing.manifest' "
                + "IAM_ROLE default MANIFEST FORMAT JSON 'auto'");
        assertEquals(StatusString.FAILED, missing.status());
        assertTrue(missing.error().contains("s3://" + BUCKET + "/" + run + "/gone.json"), missing.error());
    }

    @Test
    void autoMatchesKeysExactlyAsRedshiftDoes() {
        String table = freshTable();
        String key = "case-" + UUID.randomUUID() + ".json";
        put(key, "{\"transaction_id\":\"c-1\",\"Merchant_Id\":\"m\",\"amount_minor\":1,\"currency\":\"EUR\",\"occurred_at\":\"2026-11-25T10:00:00Z\"}\n"
                .getBytes(StandardCharsets.UTF_8));
        DescribeStatementResponse d = wh.run("COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' IAM_ROLE default FORMAT JSON 'auto'");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("merchant_id") && d.error().contains("line 1"), d.error());
    }

    @Test
    void invalidUtf8FailsUnlessAcceptInvChars() {
        String table = freshTable();
        String key = "invalid-utf8-" + UUID.randomUUID() + ".json";
        byte[] good = line("u-1", 1).getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"transaction_id\":\"u-2\",\"merchant_id\":\"caf\u00ff\",\"amount_minor\":2,\"currency\":\"EUR\",\"occurred_at\":\"2026-11-25T10:00:00Z\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] content = new byte[good.length + bad.length];
        System.arraycopy(good, 0, content, 0, good.length);
        System.arraycopy(bad, 0, content, good.length, bad.length);
        put(key, content);
        String copy = "COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' IAM_ROLE default FORMAT JSON 'auto'";
        DescribeStatementResponse strict = wh.run(copy);
        assertEquals(StatusString.FAILED, strict.status());
        assertTrue(strict.error().contains(key + " line 2") && strict.error().contains("UTF-8"), strict.error());
        wh.ok(copy + " ACCEPTINVCHARS AS '^'");
        assertEquals("caf^", select("SELECT merchant_id FROM " + table + " WHERE transaction_id = 'u-2'").get(0).get(0).stringValue());
    }

    @Test
    void emptyPrefixFails() {
        String table = freshTable();
        DescribeStatementResponse d = wh.run("COPY " + table + " FROM 's3://" + BUCKET + "/nothing-here-" + UUID.randomUUID()
                + "' IAM_ROLE default FORMAT JSON 'auto'");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("does not exist"), d.error());
    }

    @Test
    void copyInsideAFailedBatchRollsBack() {
        String table = freshTable();
        String key = "batch-" + UUID.randomUUID() + ".json";
        put(key, (line("b-1", 1) + line("b-2", 2)).getBytes(StandardCharsets.UTF_8));
        String id = wh.batch(List.of(
                "COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' IAM_ROLE default FORMAT JSON 'auto'",
                "INSERT INTO " + table + " (transaction_id) VALUES ('violates not null')"));
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.FAILED, d.status());
        assertEquals(2, d.subStatements().get(0).resultRows(), "the COPY itself loaded both rows");
        assertEquals(0L, select("SELECT count(*) FROM " + table).get(0).get(0).longValue(), "and they were rolled back");
    }

    @Test
    void notNullViolationNamesTheFileAndLine() {
        String table = freshTable();
        String key = "bad-row-" + UUID.randomUUID() + ".json";
        put(key, (line("ok-1", 1) + line("ok-2", 2) + "{\"transaction_id\":\"no-merchant\",\"amount_minor\":3,"
                + "\"currency\":\"EUR\",\"occurred_at\":\"2026-11-25T10:00:00Z\"}\n").getBytes(StandardCharsets.UTF_8));
        DescribeStatementResponse d = wh.run("COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' IAM_ROLE default FORMAT JSON 'auto'");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().startsWith("Load into table '" + table + "' failed. Check 'stl_load_errors'"), d.error());
        assertTrue(d.error().contains("s3://" + BUCKET + "/" + key + " line 3"), d.error());
        assertTrue(d.error().contains("merchant_id") && d.error().contains("not-null"), d.error());
        assertEquals(0L, select("SELECT count(*) FROM " + table).get(0).get(0).longValue(), "nothing is half-loaded");
    }

    @Test
    void aValueOfTheWrongTypeFailsTheLoadNamingTheFileLineAndColumn() {
        String table = freshTable();
        String key = "wrong-type-" + UUID.randomUUID() + ".json.gz";
        put(key, gzip(line("w-1", 1) + "{\"transaction_id\":\"w-2\",\"merchant_id\":\"m\",\"amount_minor\":\"twelve\","
                + "\"currency\":\"EUR\",\"occurred_at\":\"2026-11-25T10:00:00Z\"}\n"));
        DescribeStatementResponse d = wh.run("COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' "
                + "IAM_ROLE default FORMAT JSON 'auto' GZIP");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("s3://" + BUCKET + "/" + key + " line 2") && d.error().contains("bigint")
                && d.error().contains("twelve"), d.error());
        assertEquals(0L, select("SELECT count(*) FROM " + table).get(0).get(0).longValue(), "nothing is half-loaded");
    }

    @Test
    void valuesWithTabsBackslashesNewlinesAndUnicodeEscapesLoadExactly() {
        String table = freshTable();
        String key = "escapes-" + UUID.randomUUID() + ".json";
        put(key, ("{\"transaction_id\":\"e-1\",\"merchant_id\":\"a\\tb\\\\c\\nd\\r\\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\N\","
                + "\"amount_minor\":1,\"currency\":\"EUR\",\"occurred_at\":\"2026-11-25T10:00:00Z\"}\n").getBytes(StandardCharsets.UTF_8));
        wh.ok("COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' IAM_ROLE default FORMAT JSON 'auto'");
        assertEquals("a\tb\\c\nd\ré\uD83D\uDE00 \"q\" \\N",
                select("SELECT merchant_id FROM " + table).get(0).get(0).stringValue(), "a literal \\N is text, not NULL");
    }

    @Test
    void gzipOnAnObjectThatIsNotGzipFailsNamingIt() {
        String table = freshTable();
        String key = "not-gzip-" + UUID.randomUUID() + ".json";
        put(key, line("g-1", 1).getBytes(StandardCharsets.UTF_8));
        DescribeStatementResponse d = wh.run("COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' IAM_ROLE default FORMAT JSON 'auto' GZIP");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("s3://" + BUCKET + "/" + key) && d.error().contains("GZIP"), d.error());
    }

    @Test
    void malformedJsonNamesTheFileAndLine() {
        String table = freshTable();
        String key = "bad-json-" + UUID.randomUUID() + ".json.gz";
        put(key, gzip(line("j-1", 1) + "\n" + "{\"transaction_id\": \"j-2\", oops}\n"));
        DescribeStatementResponse d = wh.run("COPY " + table + " FROM 's3://" + BUCKET + "/" + key + "' "
                + "IAM_ROLE default FORMAT JSON 'auto' GZIP");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("s3://" + BUCKET + "/" + key + " line 3") && d.error().contains("invalid JSON"), d.error());
    }

    @Test
    void unsupportedCopyFormsFailNamingWhat() {
        String table = freshTable();
        String from = "'s3://" + BUCKET + "/x'";
        assertEquals("COPY format CSV is not supported by devstack; only FORMAT JSON 'auto' is",
                wh.run("COPY " + table + " FROM " + from + " IAM_ROLE default CSV").error());
        assertTrue(wh.run("COPY " + table + " FROM " + from + " IAM_ROLE default FORMAT AS PARQUET").error().contains("PARQUET"));
        assertTrue(wh.run("COPY " + table + " FROM " + from + " IAM_ROLE default JSON 's3://b/paths.json'").error().contains("JSONPaths"));
        assertTrue(wh.run("COPY " + table + " FROM " + from + " IAM_ROLE default FORMAT JSON 'auto' ZSTD").error().contains("ZSTD"));
        assertTrue(wh.run("COPY " + table + " FROM " + from + " FORMAT JSON 'auto'").error().contains("credentials"));
        assertTrue(wh.run("COPY " + table + " FROM 'dynamodb://t' IAM_ROLE default").error().contains("dynamodb://t"));
    }

    private static String freshTable() {
        String table = "copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        wh.ok("CREATE TABLE " + table + " (transaction_id VARCHAR(64) NOT NULL, merchant_id VARCHAR(64) NOT NULL ENCODE zstd, "
                + "amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL, occurred_at TIMESTAMP NOT NULL, note VARCHAR(16)) "
                + "DISTKEY(transaction_id) SORTKEY(occurred_at)");
        return table;
    }

    private static String line(String id, long amount) {
        return "{\"transaction_id\":\"" + id + "\",\"merchant_id\":\"m\",\"amount_minor\":" + amount
                + ",\"currency\":\"EUR\",\"occurred_at\":\"2026-11-25T10:00:00Z\"}\n";
    }

    private static List<List<Field>> select(String sql) {
        DescribeStatementResponse d = wh.ok(sql);
        return wh.client.getStatementResult(b -> b.id(d.id())).records();
    }

    private static void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
