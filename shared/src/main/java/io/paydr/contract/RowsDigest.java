package io.paydr.contract;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The digest of an ordered list of records, built from their {@code row_sha256} ({@link RecordDigest}) so that a
 * warehouse can recompute it with one aggregation and no per-row hash beyond the row's own:
 * <pre>
 *   block(k)  = hex SHA-256(row_sha256 of lines 1000k .. 1000k+999, concatenated in line order)
 *   group(m)  = hex SHA-256(block 1000m .. 1000m+999, concatenated in order)
 *   digest    = hex SHA-256(every group, concatenated in order)
 * </pre>
 * Each level concatenates at most 1,000 hex digests (64,000 bytes), inside the 65,535 bytes Redshift's LISTAGG
 * returns, so {@code RecordDigestSql}'s query reaches a billion records per list. Equal digests mean equal lists
 * (SHA-256's collision resistance), order and block boundaries included, whatever line numbers a forger writes.
 *
 * <p>Not thread-safe; one instance per list.
 */
public final class RowsDigest {
    /** Records per block, and blocks per group. */
    public static final int FAN_OUT = 1000;
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest block = Sha256.newDigest();
    private final MessageDigest group = Sha256.newDigest();
    private final MessageDigest top = Sha256.newDigest();
    private final byte[] ascii = new byte[64];
    private long rows;
    private int inBlock;
    private int blocksInGroup;

    /** Adds the next record's row_sha256 (64 lowercase hex digits). */
    public void add(String rowSha256) {
        if (rowSha256.length() != 64) {
            throw new IllegalArgumentException("a row_sha256 has 64 hex digits");
        }
        update(block, rowSha256);
        rows++;
        if (++inBlock == FAN_OUT) {
            closeBlock();
        }
    }

    /** Records added so far. */
    public long rows() {
        return rows;
    }

    /** The list's digest; the instance is spent afterwards. */
    public String finish() {
        if (inBlock > 0) {
            closeBlock();
        }
        if (blocksInGroup > 0) {
            closeGroup();
        }
        return HEX.formatHex(top.digest());
    }

    private void closeBlock() {
        update(group, HEX.formatHex(block.digest()));
        inBlock = 0;
        if (++blocksInGroup == FAN_OUT) {
            closeGroup();
        }
    }

    private void closeGroup() {
        update(top, HEX.formatHex(group.digest()));
        blocksInGroup = 0;
    }

    private void update(MessageDigest digest, String hex) {
        for (int i = 0; i < 64; i++) {
            ascii[i] = (byte) hex.charAt(i);
        }
        digest.update(ascii, 0, 64);
    }
}
