package io.paydr.devstack.redshift.internal.copy;

import java.util.List;

/**
 * A parsed Redshift {@code COPY ... FROM 's3://...' FORMAT JSON 'auto'}: the parts devstack acts on.
 *
 * @param table    the target table as written (SQL identifier syntax, possibly schema-qualified)
 * @param columns  the column list as written, empty for all columns of the table
 * @param bucket   the S3 bucket of the FROM url
 * @param key      the key prefix (or the manifest key with {@code MANIFEST})
 * @param gzip     objects are gzip-compressed
 * @param manifest {@code key} names a manifest listing the objects
 * @param region   the REGION option, or null (devstack's one S3 serves both Regions)
 * @param ignoreCase JSON 'auto ignorecase': keys match column names case-insensitively ('auto' matches exactly)
 * @param invalidCharReplacement ACCEPTINVCHARS: what replaces invalid UTF-8; null fails the load instead
 */
public record CopyCommand(String table, List<String> columns, String bucket, String key,
                          boolean gzip, boolean manifest, String region, boolean ignoreCase,
                          String invalidCharReplacement) {

    public CopyCommand {
        columns = List.copyOf(columns);
    }

    public String fromUrl() {
        return "s3://" + bucket + "/" + key;
    }
}
