package io.paydr.devstack.redshift.bench;

import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

import java.util.List;

/** Submits statements and polls DescribeStatement until they end, as a Data API client does. */
final class DataApiCalls {

    private static final String WORKGROUP = "paydr-us-east-1";
    private static final String DATABASE = "payments";

    private final RedshiftDataClient client;

    DataApiCalls(RedshiftDataClient client) {
        this.client = client;
    }

    DescribeStatementResponse ok(String sql) {
        return await(client.executeStatement(b -> b.workgroupName(WORKGROUP).database(DATABASE).sql(sql)).id(), sql);
    }

    DescribeStatementResponse batch(List<String> sqls) {
        return await(client.batchExecuteStatement(b -> b.workgroupName(WORKGROUP).database(DATABASE).sqls(sqls)).id(),
                String.join("; ", sqls));
    }

    private DescribeStatementResponse await(String id, String sql) {
        while (true) {
            DescribeStatementResponse d = client.describeStatement(b -> b.id(id));
            if (d.status() == StatusString.FINISHED) {
                return d;
            }
            if (d.status() == StatusString.FAILED || d.status() == StatusString.ABORTED) {
                throw new IllegalStateException(sql + " ended " + d.status() + ": " + d.error());
            }
            pause();
        }
    }

    /** Polls every 2 ms: little against a COPY's tens of ms, without a busy loop stealing one of the two cores. */
    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
