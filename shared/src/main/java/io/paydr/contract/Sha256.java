package io.paydr.contract;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 helpers: payload_sha256 is lowercase hex; S3's x-amz-checksum-sha256 is base64 of the same digest. */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static String hexOf(byte[] data) {
        return hex(newDigest().digest(data));
    }

    /** The base64 form S3 uses for ChecksumSHA256, from the lowercase hex form. */
    public static String hexToBase64(String hex) {
        requireHex(hex);
        return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    }

    /** The lowercase hex form from S3's base64 ChecksumSHA256. */
    public static String base64ToHex(String base64) {
        byte[] digest = Base64.getDecoder().decode(base64);
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        return hex(digest);
    }

    /** True for exactly 64 lowercase hex digits. */
    public static boolean isHex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void requireHex(String hex) {
        if (!isHex(hex)) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 lowercase hex digits");
        }
    }
}
