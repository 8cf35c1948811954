package io.paydr.devstack.redshift.internal.copy;

import io.paydr.devstack.redshift.internal.StatementFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The COPY subset devstack executes, and the errors for everything else. */
class CopyParserTest {

    @Test
    void parsesTheFullSupportedForm() throws StatementFailure {
        CopyCommand c = CopyParser.parse("copy public.payments (transaction_id, \"Amount\") -- cols\n"
                + "FROM 's3://bucket-a/dir/2026/' iam_role 'arn:aws:iam::1:role/r' format as json 'auto ignorecase' "
                + "gzip manifest region as 'us-west-2' timeformat 'auto' dateformat as 'auto' acceptinvchars as '?' "
                + "statupdate off compupdate off maxerror 0;");
        assertEquals(new CopyCommand("public.payments", List.of("transaction_id", "\"Amount\""), "bucket-a", "dir/2026/",
                true, true, "us-west-2", true, "?"), c);
    }

    @Test
    void acceptsJsonWithoutFormatAndOtherCredentials() throws StatementFailure {
        CopyCommand c = CopyParser.parse("COPY t FROM 's3://b/k' CREDENTIALS 'aws_iam_role=arn:x' JSON AS 'auto'");
        assertEquals("b", c.bucket());
        assertEquals("k", c.key());
        assertEquals(false, c.ignoreCase(), "'auto' matches keys exactly");
        assertEquals(null, c.invalidCharReplacement(), "without ACCEPTINVCHARS invalid UTF-8 fails the load");
        CopyParser.parse("COPY t FROM 's3://b/k' ACCESS_KEY_ID 'a' SECRET_ACCESS_KEY 's' SESSION_TOKEN 't' FORMAT JSON 'auto'");
    }

    @Test
    void acceptInvCharsDefaultsToAQuestionMark() throws StatementFailure {
        assertEquals("?", CopyParser.parse("COPY t FROM 's3://b/k' IAM_ROLE default ACCEPTINVCHARS FORMAT JSON 'auto'").invalidCharReplacement());
        assertEquals("^", CopyParser.parse("COPY t FROM 's3://b/k' IAM_ROLE default FORMAT JSON 'auto' ACCEPTINVCHARS '^'").invalidCharReplacement());
        assertEquals("COPY ACCEPTINVCHARS needs a single ASCII replacement character, not 'ab'",
                failure("COPY t FROM 's3://b/k' IAM_ROLE default FORMAT JSON 'auto' ACCEPTINVCHARS AS 'ab'"));
    }

    @Test
    void refusesWhatIsNotEmulatedNamingIt() {
        assertEquals("COPY option TRUNCATECOLUMNS is not supported by devstack",
                failure("COPY t FROM 's3://b/k' IAM_ROLE default FORMAT JSON 'auto' TRUNCATECOLUMNS"));
        assertEquals("COPY MAXERROR 10 is not supported by devstack; any bad row fails the load",
                failure("COPY t FROM 's3://b/k' IAM_ROLE default FORMAT JSON 'auto' MAXERROR 10"));
        assertEquals("COPY TIMEFORMAT 'epochsecs' is not supported by devstack; only 'auto' is",
                failure("COPY t FROM 's3://b/k' IAM_ROLE default FORMAT JSON 'auto' TIMEFORMAT 'epochsecs'"));
        assertEquals("COPY without FORMAT JSON 'auto' is not supported by devstack (delimited text, CSV and columnar formats are not emulated)",
                failure("COPY t FROM 's3://b/k' IAM_ROLE default"));
        assertEquals("COPY syntax: expected FROM but found TO", failure("COPY t TO 's3://b/k'"));
    }

    private static String failure(String sql) {
        return assertThrows(StatementFailure.class, () -> CopyParser.parse(sql)).getMessage();
    }
}
