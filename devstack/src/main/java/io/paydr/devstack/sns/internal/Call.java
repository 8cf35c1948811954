package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;

/** One API request: the Region it was signed for and its parameters. */
public record Call(DevRegion region, QueryParams params) {

    public String required(String name) {
        return params.required(name);
    }
}
