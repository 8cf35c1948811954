#!/usr/bin/env python3
"""Writes the sample Lambda events in events/ and the payload fixtures beside them.

    python3 events/generate.py                          # rewrite events/ (commit the result)
    python3 events/generate.py env-for devstack.env [--host NAME]
        # print an env.json for the devstack 'devstack up' is running (its ports are dynamic). devstack listens
        # on 127.0.0.1: run sam local with --docker-network host (Linux). --host rewrites the address for a
        # devstack reachable otherwise (e.g. host.docker.internal when it listens on all interfaces).

Deterministic (fixed ids and timestamps), standard library only: run `python3 events/generate.py` after
changing a payload, then commit. The digests in the events (payload_sha256, record_count,
ExtendedPayloadSize, md5OfBody, md5OfMessageAttributes) are computed here from the bytes written, and
the tests in io.paydr.ingest.template check them again independently.

Everything points at devstack's primary Region (us-east-1, account 000000000000), consistent with
events/env.json: bucket paydr-payloads-us-east-1 is on the allowlist, queue paydr-ingest-us-east-1.
"""
import base64
import hashlib
import json
import shlex
import struct
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGION = "us-east-1"
ACCOUNT = "000000000000"
QUEUE = "paydr-ingest-us-east-1"
QUEUE_ARN = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{QUEUE}"
TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCOUNT}:paydr-ingest-payments"
BUCKET = "paydr-payloads-us-east-1"
PEER_BUCKET = "paydr-payloads-us-west-2"
POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer"
SNS_SENDER_ID = "AIDAIT2UOQQY3AUEKVGXU"  # the principal SQS reports for messages SNS delivered
SENT_MILLIS = 1764088695123  # 2026-11-25T16:38:15.123Z
NAMESPACE = uuid.UUID("6f1c2a7e-5b8d-4c3e-9a41-0d2b7c9e8f10")


def payment(n, amount, currency="USD", status="CAPTURED", merchant=None):
    return {
        "transaction_id": f"txn-20261125-{n:06d}",
        "merchant_id": merchant or f"m-{1000 + n % 7}",
        "amount_minor": amount,
        "currency": currency,
        "status": status,
        "occurred_at": f"2026-11-25T16:{30 + n % 8:02d}:{n % 60:02d}.{n * 37 % 1000:03d}Z",
        "source_region": REGION,
    }


def ndjson(records):
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records).encode()


def key_of(batch_id):
    return f"payments/v1/dt=2026-11-25/hh=16/{batch_id}.jsonl"


def pointer(bucket, key):
    return json.dumps([POINTER_CLASS, {"s3BucketName": bucket, "s3Key": key}], separators=(",", ":"))


def own_attributes(batch_id, payload):
    return {
        "dataset": "payments",
        "schema_version": "1",
        "record_count": str(payload.count(b"\n")),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "batch_id": batch_id,
        "content_encoding": "identity",
    }


def sqs_attributes(size_attribute, batch_id, payload):
    """Raw delivery: SNS copies the publish attributes to SQS message attributes (String / Number)."""
    attrs = {name: ("String", value) for name, value in own_attributes(batch_id, payload).items()}
    if size_attribute:
        attrs[size_attribute] = ("Number", str(len(payload)))
    return attrs


def md5_of_message_attributes(attrs):
    """SQS's digest: per attribute, sorted by name, length-prefixed name, type, transport byte 1, value."""
    digest = hashlib.md5()
    for name in sorted(attrs):
        data_type, value = attrs[name]
        for part in (name, data_type):
            raw = part.encode()
            digest.update(struct.pack(">I", len(raw)) + raw)
        raw = value.encode()
        digest.update(b"\x01" + struct.pack(">I", len(raw)) + raw)
    return digest.hexdigest()


def record(label, body, attrs, sent=SENT_MILLIS, receive_count=1):
    message_id = str(uuid.uuid5(NAMESPACE, label))
    handle = base64.b64encode(hashlib.sha512(label.encode()).digest() * 2).decode()
    result = {
        "messageId": message_id,
        "receiptHandle": "AQEB" + handle,
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": str(receive_count),
            "SentTimestamp": str(sent),
            "SenderId": SNS_SENDER_ID,
            "ApproximateFirstReceiveTimestamp": str(sent + 41),
        },
        "messageAttributes": {
            name: {"stringValue": value, "stringListValues": [], "binaryListValues": [], "dataType": data_type}
            for name, (data_type, value) in sorted(attrs.items())
        },
        "md5OfBody": hashlib.md5(body.encode()).hexdigest(),
    }
    if attrs:
        result["md5OfMessageAttributes"] = md5_of_message_attributes(attrs)
    result.update({"eventSource": "aws:sqs", "eventSourceARN": QUEUE_ARN, "awsRegion": REGION})
    return result


def sns_envelope(label, message, attrs):
    """What SQS receives from SNS without raw delivery: the notification JSON, attributes inside it."""
    return json.dumps({
        "Type": "Notification",
        "MessageId": str(uuid.uuid5(NAMESPACE, label + "/sns")),
        "TopicArn": TOPIC_ARN,
        "Message": message,
        "Timestamp": "2026-11-25T16:38:15.123Z",
        "SignatureVersion": "1",
        "Signature": base64.b64encode(hashlib.sha512(label.encode()).digest()).decode(),
        "SigningCertURL": f"https://sns.{REGION}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
        "UnsubscribeURL": f"https://sns.{REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={TOPIC_ARN}:"
                          + str(uuid.uuid5(NAMESPACE, label + "/subscription")),
        "MessageAttributes": {name: {"Type": t, "Value": v} for name, (t, v) in sorted(attrs.items())},
    }, indent=2)


def write(name, content):
    path = HERE / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    print(f"wrote events/{name}")


def write_event(name, records):
    write(f"{name}.json", json.dumps({"Records": records}, indent=2, ensure_ascii=False) + "\n")


def pointer_event(name, batch_id, payload, size_attribute="ExtendedPayloadSize", copies=1):
    write(f"{name}.payload.jsonl", payload)
    body = pointer(BUCKET, key_of(batch_id))
    attrs = sqs_attributes(size_attribute, batch_id, payload)
    write_event(name, [record(f"{name}/{i}", body, attrs) for i in range(copies)])


def main():
    pointer_event("sqs-pointer-raw", "b-20261125T163815Z-0001", ndjson(
        [payment(1, 12999), payment(2, 500, "EUR", "AUTHORIZED"),
         payment(3, -2500, status="REFUNDED", merchant="O'Brien \"Corner\" Shop; DROP TABLE payments;--"),
         payment(4, 999999999999, "JPY"), payment(5, 1, merchant="Café Zürich ☕")]))

    # The SQS extended client's default: the legacy reserved attribute instead of ExtendedPayloadSize.
    pointer_event("sqs-pointer-legacy-attribute", "b-20261125T163815Z-0002", ndjson(
        [payment(n, 1000 + n) for n in range(11, 14)]), size_attribute="SQSLargePayloadSize")

    # SNS delivered twice (two SQS messages, same body): loads once, both acknowledged.
    pointer_event("sqs-duplicate-delivery", "b-20261125T163815Z-0003", ndjson(
        [payment(n, 2000 + n, "GBP") for n in range(21, 24)]), copies=2)

    envelope_batch = "b-20261125T163815Z-0004"
    envelope_payload = ndjson([payment(n, 3000 + n, status="CHARGEBACK") for n in range(31, 33)])
    write("sqs-sns-envelope.payload.jsonl", envelope_payload)
    envelope_attrs = sqs_attributes("ExtendedPayloadSize", envelope_batch, envelope_payload)
    body = sns_envelope("sqs-sns-envelope", pointer(BUCKET, key_of(envelope_batch)), envelope_attrs)
    write_event("sqs-sns-envelope", [record("sqs-sns-envelope/0", body, {})])

    inline_batch = "b-20261125T163815Z-0005"
    inline_payload = ndjson([payment(41, 4100, "CHF", "DECLINED"), payment(42, 4200, "CHF")])
    write_event("sqs-inline-small", [record("sqs-inline-small/0", inline_payload.decode(),
                                            sqs_attributes(None, inline_batch, inline_payload))])

    # Truncated JSON: a permanent error for this message alone.
    broken_payload = ndjson([payment(51, 5100)])
    broken = pointer(BUCKET, key_of("b-20261125T163815Z-0006"))[:-3]
    write_event("sqs-malformed-pointer", [record("sqs-malformed-pointer/0", broken,
                                                 sqs_attributes("ExtendedPayloadSize", "b-20261125T163815Z-0006",
                                                                broken_payload))])

    # A well-formed pointer to a bucket that is not on ALLOWED_BUCKETS: refused before any S3 call.
    foreign_payload = ndjson([payment(61, 6100)])
    write_event("sqs-bucket-not-allowed", [record(
        "sqs-bucket-not-allowed/0", pointer("attacker-controlled-bucket", key_of("b-20261125T163815Z-0007")),
        sqs_attributes("ExtendedPayloadSize", "b-20261125T163815Z-0007", foreign_payload))])

    write("scheduled-drain.json", json.dumps({
        "version": "0",
        "id": str(uuid.uuid5(NAMESPACE, "scheduled-drain")),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": "2026-11-25T16:40:00Z",
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/paydr-ingest-drain"],
        "detail": {},
    }, indent=2) + "\n")

    write("env.json", env_json({
        "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000",
        "AWS_ENDPOINT_URL_SQS": "http://127.0.0.1:9324",
        "AWS_ENDPOINT_URL_REDSHIFT_DATA": "http://127.0.0.1:9431",
    }))


def env_json(endpoints, host=None):
    """sam local's --env-vars file: the endpoints as given, or with their address replaced by host."""
    docker = {name: url.replace("localhost", host).replace("127.0.0.1", host) if host else url
              for name, url in endpoints.items()}
    common = {
        **docker,
        "PAYDR_S3_PATH_STYLE": "true",
        "REGION_ROLE": "primary",
        "REDSHIFT_WORKGROUP": "paydr-us-east-1",
        "REDSHIFT_DATABASE": "payments",
        "REDSHIFT_SECRET_ARN": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:paydr/redshift/devstack-AbCdEf",
        "REDSHIFT_COPY_ROLE_ARN": "default",
        "ALLOWED_BUCKETS": f"{BUCKET},{PEER_BUCKET}",
        "STAGING_BUCKET": BUCKET,
    }
    event = dict(common, FUNCTION_TIMEOUT_SECONDS="60")  # the template's Timeout of each function
    drain = dict(common, FUNCTION_TIMEOUT_SECONDS="300", QUEUE_URL=f"{docker['AWS_ENDPOINT_URL_SQS']}/{ACCOUNT}/{QUEUE}",
                 DRAIN_MAX_MESSAGES="1000")
    return json.dumps({"IngestFunction": event, "ScheduledDrainFunction": drain}, indent=2) + "\n"


def env_for(devstack_env_file, host=None):
    """The primary Region's endpoints from the KEY=value file 'devstack up' writes."""
    if not Path(devstack_env_file).is_file():
        sys.exit(f"{devstack_env_file} does not exist: start devstack with 'devstack up --env-file {devstack_env_file}'")
    # values are single-quoted for the shell (JDBC URLs hold '&'): read them as sh would
    values = {k: "".join(shlex.split(v)) for k, v in (line.split("=", 1) for line in
              Path(devstack_env_file).read_text().splitlines() if "=" in line and not line.startswith("#"))}
    names = ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_REDSHIFT_DATA"]
    missing = [n for n in names if n not in values]
    if missing:
        sys.exit(f"{devstack_env_file} lacks {missing}: is it the file 'devstack up' wrote?")
    sys.stdout.write(env_json({n: values[n].strip() for n in names}, host))


if __name__ == "__main__":
    if len(sys.argv) in (3, 5) and sys.argv[1] == "env-for" and (len(sys.argv) == 3 or sys.argv[3] == "--host"):
        env_for(sys.argv[2], sys.argv[4] if len(sys.argv) == 5 else None)
    elif len(sys.argv) == 1:
        main()
    else:
        sys.exit(__doc__)
