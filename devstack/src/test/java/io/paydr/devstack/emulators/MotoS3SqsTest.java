package io.paydr.devstack.emulators;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The S3/SQS contract against moto_server, so devstack's behaviour is checked against an independent emulator. */
@EnabledIf(value = "motoInstalled", disabledReason = "moto_server is not on the PATH (pip install 'moto[server]')")
class MotoS3SqsTest extends S3SqsContract {

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start(MotoServer.command().orElseThrow());
    }

    static boolean motoInstalled() {
        return MotoServer.command().isPresent();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    protected Emulator emulator() {
        return moto;
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 neither echoes x-amz-checksum-sha256 on PutObject nor returns it on GetObject")
    void objectRoundTripWithSha256Checksum() {
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 accepts a PutObject whose x-amz-checksum-sha256 does not match (AWS: 400 BadDigest)")
    void putWithAWrongSha256IsRejectedAndStoresNothing() {
    }
}
