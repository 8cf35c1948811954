package io.paydr.devstack.redshift;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.ListStatementsResponse;
import software.amazon.awssdk.services.redshiftdata.model.ResourceNotFoundException;
import software.amazon.awssdk.services.redshiftdata.model.StatementData;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paging with NextToken, CancelStatement and ListStatements. */
class DataApiResultsTest {

    @AutoClose
    static final TestWarehouse wh = TestWarehouse.start();

    @Test
    void resultsPageWithNextTokenUntilEveryRowIsRead() {
        DescribeStatementResponse d = wh.ok("SELECT g AS n FROM generate_series(1, 2500) g ORDER BY g");
        List<Long> all = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetStatementResultResponse page = wh.client.getStatementResult(b -> b.id(d.id()).nextToken(t));
            assertEquals(2500, page.totalNumRows());
            pageSizes.add(page.records().size());
            page.records().forEach(r -> all.add(r.get(0).longValue()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of(1000, 1000, 500), pageSizes);
        assertEquals(2500, all.size());
        assertEquals(1L, all.get(0));
        assertEquals(2500L, all.get(2499));
        assertThrows(ValidationException.class, () -> wh.client.getStatementResult(b -> b.id(d.id()).nextToken("bogus")));
    }

    @Test
    void sdkPaginatorReadsAllPages() {
        DescribeStatementResponse d = wh.ok("SELECT g FROM generate_series(1, 1500) g");
        long rows = wh.client.getStatementResultPaginator(b -> b.id(d.id())).records().stream().count();
        assertEquals(1500, rows);
    }

    @Test
    void cancelAbortsARunningStatement() {
        String id = wh.submit("SELECT pg_sleep(30)");
        wh.awaitStatus(id, StatusString.STARTED);
        long before = System.nanoTime();
        assertTrue(wh.client.cancelStatement(b -> b.id(id)).status());
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.ABORTED, d.status());
        assertTrue(System.nanoTime() - before < 10_000_000_000L, "cancel must not wait for pg_sleep to end");
        assertThrows(ValidationException.class, () -> wh.client.cancelStatement(b -> b.id(id)),
                "an ended statement cannot be cancelled");
        assertEquals(StatusString.FINISHED, wh.run("SELECT 1").status(), "the session pool survives a cancel");
    }

    @Test
    void sameClientTokenRunsTheStatementOnce() {
        String name = "token-" + UUID.randomUUID();
        var request = wh.statement("SELECT 1").statementName(name).clientToken(UUID.randomUUID().toString()).build();
        String first = wh.client.executeStatement(request).id();
        String retried = wh.client.executeStatement(request).id();
        assertEquals(first, retried);
        wh.awaitFinal(first);
        assertEquals(1, wh.client.listStatements(b -> b.statementName(name)).statements().size());
    }

    @Test
    void unknownIdIsResourceNotFound() {
        String id = UUID.randomUUID().toString();
        assertThrows(ResourceNotFoundException.class, () -> wh.client.describeStatement(b -> b.id(id)));
        assertThrows(ResourceNotFoundException.class, () -> wh.client.getStatementResult(b -> b.id(id)));
        assertThrows(ResourceNotFoundException.class, () -> wh.client.cancelStatement(b -> b.id(id)));
    }

    @Test
    void resultOfAStatementWithoutRowsIsRefused() {
        DescribeStatementResponse d = wh.ok("CREATE TEMP TABLE no_rows (x int)");
        assertThrows(ResourceNotFoundException.class, () -> wh.client.getStatementResult(b -> b.id(d.id())));
    }

    @Test
    void listStatementsFiltersByNameAndStatusAndPages() {
        String name = "list-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(wh.client.executeStatement(wh.statement("SELECT " + i).statementName(name).build()).id());
        }
        String failed = wh.client.executeStatement(wh.statement("SELECT * FROM nope_list").statementName(name).build()).id();
        ids.forEach(wh::awaitFinal);
        wh.awaitFinal(failed);

        ListStatementsResponse all = wh.client.listStatements(b -> b.statementName(name));
        assertEquals(List.of(failed, ids.get(2), ids.get(1), ids.get(0)),
                all.statements().stream().map(StatementData::id).toList(), "newest first");
        assertEquals("SELECT 2", all.statements().get(1).queryString());

        ListStatementsResponse onlyFailed = wh.client.listStatements(b -> b.statementName(name).status(StatusString.FAILED));
        assertEquals(List.of(failed), onlyFailed.statements().stream().map(StatementData::id).toList());

        ListStatementsResponse first = wh.client.listStatements(b -> b.statementName(name).maxResults(3));
        assertEquals(3, first.statements().size());
        ListStatementsResponse second = wh.client.listStatements(b -> b.statementName(name).maxResults(3).nextToken(first.nextToken()));
        assertEquals(List.of(ids.get(0)), second.statements().stream().map(StatementData::id).toList());
        assertNull(second.nextToken());
        assertThrows(ValidationException.class, () -> wh.client.listStatements(b -> b.status("DONE")));
    }
}
