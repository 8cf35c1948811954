-- V1: the payments table and the ingest ledger (Redshift DDL; devstack accepts the Redshift-only options).
-- ${payments_table} and ${ledger_table} are the configured DATASET_TABLES entry for "payments" and LEDGER_TABLE.
-- transaction_id is the natural key and the DISTKEY, so the insert-if-absent join is co-located;
-- occurred_at is the SORTKEY because analytics and reconcile filter by time. Redshift does not enforce keys:
-- uniqueness comes from the load SQL, which is idempotent.
CREATE TABLE ${payments_table} (
  transaction_id VARCHAR(64) NOT NULL,
  merchant_id VARCHAR(64) NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  status VARCHAR(16) NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  source_region VARCHAR(32) NOT NULL)
  DISTKEY(transaction_id) SORTKEY(occurred_at);

-- One row per loaded payload; small, so a copy on every node (DISTSTYLE ALL) keeps the ledger check local.
CREATE TABLE ${ledger_table} (
  payload_key VARCHAR(1024) NOT NULL,
  batch_id VARCHAR(128) NOT NULL,
  payload_sha256 CHAR(64) NOT NULL,
  row_count BIGINT NOT NULL,
  message_id VARCHAR(128),
  loaded_at TIMESTAMP NOT NULL)
  DISTSTYLE ALL SORTKEY(payload_key);
