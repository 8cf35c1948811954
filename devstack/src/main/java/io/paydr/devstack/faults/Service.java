package io.paydr.devstack.faults;

/** The emulated services whose faults can be switched independently. */
public enum Service {
    S3, SQS, SNS, REDSHIFT_DATA
}
