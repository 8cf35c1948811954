package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;

import java.util.HashMap;
import java.util.Map;

/** A standard SNS topic. Immutable; attribute changes replace the record. */
public record Topic(String arn, DevRegion region, String name, Map<String, String> attributes) {

    public Topic {
        attributes = Map.copyOf(attributes);
    }

    public Topic withAttribute(String name, String value) {
        Map<String, String> changed = new HashMap<>(attributes);
        changed.put(name, value);
        return new Topic(arn, region, this.name, changed);
    }

    /** SignatureVersion 1 signs envelopes with SHA1withRSA, 2 with SHA256withRSA (AWS default: 1). */
    public String signatureVersion() {
        return attributes.getOrDefault("SignatureVersion", "1");
    }
}
