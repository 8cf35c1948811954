package io.paydr.devstack.emulators;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The S3/SQS contract against moto_server, so devstack's behaviour is checked against an independent emulator. */
@EnabledIf(value = "motoInstalled", disabledReason = "moto_server is not on the PATH (pip install 'moto[server]')")
class MotoContractTest implements S3Contract, SqsContract {

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.shared();
    }

    static boolean motoInstalled() {
        return MotoServer.command().isPresent();
    }

    @Override
    public Emulator emulator() {
        return moto;
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 neither echoes x-amz-checksum-sha256 on PutObject nor returns it on GetObject")
    public void objectRoundTripWithSha256Checksum() {
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 accepts a PutObject whose x-amz-checksum-sha256 does not match (AWS: 400 BadDigest)")
    public void putWithAWrongSha256IsRejectedAndStoresNothing() {
    }
}
