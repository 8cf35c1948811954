-- V2: a payload is its content, a record is its transaction_id, and both Regions converge (docs/architecture.md).
-- The current row of each transaction_id keeps its row_sha256 (SHA-256 of the record's canonical encoding, the
-- tie-breaker after occurred_at) and the identity of the payload that carried it (the smallest, when several did).
-- Rows loaded before V2 get their row_sha256 here; their carrier is unknown (NULL) until a payload carries them again.
ALTER TABLE ${payments_table} ADD COLUMN row_sha256 CHAR(64);
ALTER TABLE ${payments_table} ADD COLUMN payload_sha256 CHAR(64);
UPDATE ${payments_table} SET row_sha256 = ${row_sha256};

-- Every version of a record that lost to another (greater occurred_at, then greater row_sha256), never dropped:
-- one row per (transaction_id, row_sha256), with the smallest identity of the payloads that carried it.
CREATE TABLE ${payments_table}_conflicts (
  transaction_id VARCHAR(64) NOT NULL,
  merchant_id VARCHAR(64) NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency CHAR(3) NOT NULL,
  status VARCHAR(16) NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  source_region VARCHAR(32) NOT NULL,
  row_sha256 CHAR(64) NOT NULL,
  payload_sha256 CHAR(64),
  recorded_at TIMESTAMP NOT NULL)
  DISTKEY(transaction_id) SORTKEY(occurred_at);

-- The ledger is keyed by payload_sha256 from now on; the bucket a payload was read from is kept for audit.
ALTER TABLE ${ledger_table} ADD COLUMN bucket VARCHAR(63);
