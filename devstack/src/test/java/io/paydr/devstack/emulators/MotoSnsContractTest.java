package io.paydr.devstack.emulators;

import io.paydr.devstack.sns.SnsContract;
import io.paydr.devstack.sns.SnsEmulator;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The SNS team's portable SNS contract against moto_server (SNS fanning out into moto's SQS, both Regions). */
@EnabledIf(value = "io.paydr.devstack.emulators.MotoServer#installed", disabledReason = MotoServer.NOT_INSTALLED)
class MotoSnsContractTest extends SnsContract {

    @Override
    protected SnsEmulator emulator() {
        return MotoServer.shared();
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 answers NotFound (404) for a topic ARN of another Region; AWS answers "
            + "InvalidParameter 'Invalid parameter: TopicArn'")
    public void aTopicArnOfAnotherRegionIsAnInvalidParameter() {
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 drops raw deliveries carrying a Binary message attribute (server-side "
            + "TypeError 'Strings must be encoded before hashing'); String and Number.* attributes are delivered")
    public void rawDeliveryReachesQueuesInBothRegionsWithTypedAttributes() {
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 fails the whole PublishBatch with InvalidParameter when one entry has a bad "
            + "attribute; AWS publishes the good entries and reports the bad one under Failed")
    public void publishBatchDeliversTheGoodEntriesAndReportsTheBadOnes() {
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 checks only the body against 256 KiB; AWS counts message attributes too")
    public void attributesCountTowardsThe256KibLimit() {
    }

    @Test
    @Override
    @Disabled("difference found: moto 5.2.1 refuses invalid message attributes with InvalidParameter; AWS uses "
            + "ParameterValueInvalid (InvalidParameterValueException)")
    public void invalidMessageAttributesAreRefusedWithParameterValueInvalid() {
    }
}
