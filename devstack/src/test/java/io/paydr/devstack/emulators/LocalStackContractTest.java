package io.paydr.devstack.emulators;

import org.junit.jupiter.api.condition.EnabledIf;

/** The S3/SQS contract against LocalStack in a container; skipped where no Docker engine is reachable. */
@EnabledIf(value = "io.paydr.devstack.emulators.LocalStackEmulator#dockerAvailable", disabledReason = "no Docker engine")
class LocalStackContractTest implements S3Contract, SqsContract {

    @Override
    public Emulator emulator() {
        return LocalStackEmulator.shared();
    }
}
