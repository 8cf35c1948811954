package io.paydr.devstack.redshift.internal.copy;

import io.paydr.devstack.redshift.internal.CopyHandler;
import io.paydr.devstack.redshift.internal.StatementFailure;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executes Redshift {@code COPY ... FROM 's3://...' FORMAT JSON 'auto'}: streams each object from S3
 * through the JSON converter into PostgreSQL {@code COPY ... FROM STDIN} on the statement's own session,
 * so the load is part of that session's transaction and rolls back with it.
 */
public final class S3JsonCopy implements CopyHandler {

    private static final Pattern COPY_LINE = Pattern.compile("line (\\d+)");

    private final S3Sources sources;

    public S3JsonCopy(S3Client s3) {
        this.sources = new S3Sources(s3);
    }

    @Override
    public Loaded copy(Connection session, String copySql, BooleanSupplier cancelled) throws SQLException, StatementFailure {
        CopyCommand copy = CopyParser.parse(copySql);
        try (PendingSources pending = PendingSources.start(sources, copy)) {
            List<String> columns = copy.columns().isEmpty() ? tableColumns(session, copy.table()) : copy.columns();
            CopyIn copyIn = session.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + copy.table() + " (" + String.join(", ", columns) + ") FROM STDIN");
            RowOrigins origins = new RowOrigins();
            long[] decoded = new long[1];
            try {
                read(copy, pending, matchNames(columns), origins, (bytes, length) -> copyIn.writeToCopy(bytes, 0, length),
                        cancelled, decoded);
                return new Loaded(copyIn.endCopy(), decoded[0]);
            } catch (PSQLException e) {
                throw loadFailure(copy, rejectedRow(e, origins), e);
            } finally {
                abandon(copyIn);
            }
        }
    }

    /**
     * Every file through the JSON converter straight into the COPY stream, on this thread: PostgreSQL parses
     * the rows in its own process meanwhile, so a second Java thread would add hand-offs, not overlap. The
     * object named exactly loads while the listing is still on its way.
     */
    private static void read(CopyCommand copy, PendingSources pending, List<String> columns, RowOrigins origins,
                             CopyTextBuffer.Sink sink, BooleanSupplier cancelled, long[] decoded)
            throws StatementFailure, SQLException {
        CopyTextBuffer buffer = new CopyTextBuffer(sink);
        JsonRowConverter converter = new JsonRowConverter(columns, copy.ignoreCase(), copy.invalidCharReplacement(), buffer);
        S3Sources.Source first = pending.earlyObject();
        if (first != null) {
            load(copy, pending, first, converter, origins, decoded);
        }
        for (S3Sources.Source file : pending.files()) {
            if (cancelled.getAsBoolean()) {
                throw new StatementFailure("COPY cancelled");
            }
            if (!file.equals(first)) {
                load(copy, pending, file, converter, origins, decoded);
            }
        }
        buffer.flush();
    }

    /** Loads one file; {@code decoded[0]} adds the bytes read after gunzip. */
    private static void load(CopyCommand copy, PendingSources pending, S3Sources.Source file, JsonRowConverter converter,
                             RowOrigins origins, long[] decoded) throws StatementFailure, SQLException {
        try {
            Optional<InputStream> opened = pending.open(file, copy.gzip());
            if (opened.isEmpty()) {
                return;
            }
            origins.startFile(file.url());
            try (InputStream in = new java.io.FilterInputStream(opened.get()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    decoded[0] += b < 0 ? 0 : 1;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    decoded[0] += Math.max(0, n);
                    return n;
                }
            }) {
                converter.convert(in, origins::record);
            }
        } catch (JsonRowConverter.BadJson e) {
            throw loadFailure(copy, file.url() + " line " + e.line + ": " + e.getMessage(), null);
        } catch (IOException e) {
            throw loadFailure(copy, file.url() + ": could not read the object: " + e.getMessage(), null);
        }
    }

    /** Ends a COPY that did not complete; if even that fails, the session pool discards the broken session. */
    private static void abandon(CopyIn copyIn) {
        if (copyIn.isActive()) {
            try {
                copyIn.cancelCopy();
            } catch (SQLException ignored) {
                // the statement already failed with the more telling error
            }
        }
    }

    /** The S3 object and line of the row PostgreSQL rejected, with PostgreSQL's reason. */
    private static String rejectedRow(PSQLException e, RowOrigins origins) {
        ServerErrorMessage m = e.getServerErrorMessage();
        String reason = m == null ? e.getMessage() : m.getMessage();
        String where = m == null ? null : m.getWhere();
        Matcher line = where == null ? null : COPY_LINE.matcher(where);
        String origin = line != null && line.find() ? origins.describe(Long.parseLong(line.group(1))) : null;
        return (origin == null ? "" : origin + ": ") + reason;
    }

    /** Redshift's wording, with the detail that Redshift would put in stl_load_errors. */
    private static StatementFailure loadFailure(CopyCommand copy, String detail, Exception cause) {
        String message = "Load into table '" + copy.table() + "' failed. Check 'stl_load_errors' system table for details. "
                + "Detail: " + detail;
        return cause == null ? new StatementFailure(message) : new StatementFailure(message, cause);
    }

    private static List<String> tableColumns(Connection session, String table) throws SQLException {
        try (java.sql.Statement st = session.createStatement();
             var rs = st.executeQuery("SELECT * FROM " + table + " WHERE false")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add("\"" + md.getColumnName(i).replace("\"", "\"\"") + "\"");
            }
            return out;
        }
    }

    /** Column identifiers as JSON keys match them: quotes removed, unquoted names folded to lower case. */
    private static List<String> matchNames(List<String> identifiers) {
        List<String> out = new ArrayList<>();
        for (String id : identifiers) {
            boolean quoted = id.startsWith("\"") && id.endsWith("\"") && id.length() >= 2;
            out.add(quoted ? id.substring(1, id.length() - 1).replace("\"\"", "\"") : id.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
