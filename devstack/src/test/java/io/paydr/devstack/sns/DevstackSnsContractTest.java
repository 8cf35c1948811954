package io.paydr.devstack.sns;

/** The SNS contract against devstack. */
class DevstackSnsContractTest extends SnsContract {

    @Override
    protected SnsEmulator emulator() {
        return SnsTestStack.shared();
    }
}
