package io.paydr.devstack.emulators;

import io.paydr.devstack.sns.SnsContract;
import io.paydr.devstack.sns.SnsEmulator;
import org.junit.jupiter.api.condition.EnabledIf;

/** The SNS team's portable SNS contract against LocalStack; skipped where no Docker engine is reachable. */
@EnabledIf(value = "io.paydr.devstack.emulators.LocalStackEmulator#dockerAvailable", disabledReason = "no Docker engine")
class LocalStackSnsContractTest extends SnsContract {

    @Override
    protected SnsEmulator emulator() {
        return LocalStackEmulator.shared();
    }
}
