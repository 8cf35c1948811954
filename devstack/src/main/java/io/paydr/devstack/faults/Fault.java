package io.paydr.devstack.faults;

/** What a server must do with one request instead of serving it. Each server renders it in its own protocol. */
public enum Fault {
    /** the Region is down: answer 503 (or refuse the connection where the server can). */
    REGION_DOWN,
    /** an injected server error: 500/503 with the service's internal-error code. */
    SERVER_ERROR,
    /** an injected throttling error: the service's throttling code (e.g. ThrottlingException, SlowDown). */
    THROTTLING
}
