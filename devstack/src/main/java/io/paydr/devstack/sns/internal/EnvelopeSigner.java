package io.paydr.devstack.sns.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs notifications the way SNS does (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA, over the canonical
 * "Message/MessageId/Subject/Timestamp/TopicArn/Type" string) with an RSA-2048 key made once per server, so
 * the Signature field has the real form. The certificate is not published: the SigningCertURL points at AWS
 * and does not verify against devstack keys.
 */
final class EnvelopeSigner {

    private volatile KeyPair keys;
    private volatile String certName;

    String sign(Notification n, String signatureVersion) {
        String algorithm = signatureVersion.equals("2") ? "SHA256withRSA" : "SHA1withRSA";
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(keys().getPrivate());
            signature.update(canonical(n).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an SNS notification with " + algorithm, e);
        }
    }

    /** {@code SimpleNotificationService-<32 hex>.pem}, stable for the life of the server like AWS's per-Region cert. */
    String certificateName() {
        keys();
        return certName;
    }

    private static String canonical(Notification n) {
        StringBuilder s = new StringBuilder();
        s.append("Message\n").append(n.publication().message()).append('\n');
        s.append("MessageId\n").append(n.messageId()).append('\n');
        if (n.publication().subject() != null) {
            s.append("Subject\n").append(n.publication().subject()).append('\n');
        }
        s.append("Timestamp\n").append(n.timestampText()).append('\n');
        s.append("TopicArn\n").append(n.topic().arn()).append('\n');
        s.append("Type\nNotification\n");
        return s.toString();
    }

    /** Made on first use: key generation costs tens of milliseconds that raw-only setups never need to pay. */
    private KeyPair keys() {
        KeyPair current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = generate();
                    certName = "SimpleNotificationService-" + fingerprint(keys) + ".pem";
                }
                current = keys;
            }
        }
        return current;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the SNS signing key", e);
        }
    }

    private static String fingerprint(KeyPair keys) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
