-- PostgreSQL twin of db/migration/sqlite/V1. Times are epoch milliseconds (UTC). Ids are UUIDv7 strings, so ordering by id is ordering by creation.

CREATE TABLE agents (
  namespace   TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  spec        TEXT    NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (namespace, name)
);

CREATE TABLE workers (
  namespace  TEXT    NOT NULL,
  agent      TEXT    NOT NULL,
  worker_id  TEXT    NOT NULL,
  last_seen  BIGINT NOT NULL,
  PRIMARY KEY (namespace, agent, worker_id)
);

CREATE TABLE invocations (
  id                   TEXT    PRIMARY KEY,
  namespace            TEXT    NOT NULL,
  agent                TEXT    NOT NULL,
  function             TEXT    NOT NULL,
  payload              TEXT    NOT NULL,
  priority             INTEGER NOT NULL,
  retry_max_attempts   INTEGER NOT NULL,
  retry_initial_ms     BIGINT NOT NULL,
  retry_multiplier     DOUBLE PRECISION    NOT NULL,
  retry_max_ms         BIGINT NOT NULL,
  retry_jitter         TEXT    NOT NULL,
  retry_non_retryable  TEXT    NOT NULL,
  timeout_ms           BIGINT NOT NULL,
  attempt_timeout_ms   BIGINT,
  idempotency_key      TEXT,
  request_hash         TEXT,
  trace_id             TEXT    NOT NULL,
  parent_id            TEXT,
  session_id           TEXT,
  concurrency_key      TEXT,
  message_type         TEXT    NOT NULL,
  topic                TEXT,
  schedule_name        TEXT,
  created_at           BIGINT NOT NULL,
  -- state
  status               TEXT    NOT NULL,
  attempt              INTEGER NOT NULL,
  chain_start          INTEGER NOT NULL,
  available_at         BIGINT NOT NULL,
  deadline_at          BIGINT NOT NULL,
  lease_id             TEXT,
  lease_worker         TEXT,
  lease_expires_at     BIGINT,
  attempt_deadline_at  BIGINT,
  cancel_requested     INTEGER NOT NULL,
  result               TEXT,
  error_message        TEXT,
  error_type           TEXT,
  error_trace          TEXT,
  error_details        TEXT,
  started_at           BIGINT,
  finished_at          BIGINT,
  dead_lettered        INTEGER NOT NULL,
  updated_at           BIGINT NOT NULL,
  event_seq            BIGINT NOT NULL DEFAULT 0
);

-- The claim walks this index in its ORDER BY; only pending rows are in it.
CREATE INDEX invocations_claim ON invocations (namespace, agent, priority DESC, available_at, id)
  WHERE status = 'pending';
CREATE UNIQUE INDEX invocations_idempotency ON invocations (namespace, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX invocations_lease ON invocations (lease_id) WHERE lease_id IS NOT NULL;
CREATE INDEX invocations_lease_expiry ON invocations (lease_expires_at) WHERE status = 'running';
CREATE INDEX invocations_attempt_deadline ON invocations (attempt_deadline_at)
  WHERE status = 'running' AND attempt_deadline_at IS NOT NULL;
CREATE INDEX invocations_deadline ON invocations (deadline_at)
  WHERE status IN ('pending', 'running', 'waiting_for_input');
CREATE INDEX invocations_list ON invocations (namespace, id);
CREATE INDEX invocations_trace ON invocations (trace_id);
CREATE INDEX invocations_parent ON invocations (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX invocations_finished ON invocations (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE attempts (
  invocation_id  TEXT    NOT NULL,
  attempt        INTEGER NOT NULL,
  lease_id       TEXT    NOT NULL,
  worker_id      TEXT    NOT NULL,
  started_at     BIGINT NOT NULL,
  finished_at    BIGINT,
  outcome        TEXT,
  error_message  TEXT,
  error_type     TEXT,
  PRIMARY KEY (invocation_id, attempt)
);

CREATE TABLE invocation_events (
  invocation_id  TEXT    NOT NULL,
  seq            BIGINT NOT NULL,
  at             BIGINT NOT NULL,
  type           TEXT    NOT NULL,
  data           TEXT    NOT NULL,
  PRIMARY KEY (invocation_id, seq)
);

CREATE TABLE api_keys (
  id          TEXT    PRIMARY KEY,
  name        TEXT    NOT NULL,
  prefix      TEXT    NOT NULL,
  hash        TEXT    NOT NULL UNIQUE,
  namespace   TEXT    NOT NULL,
  role        TEXT    NOT NULL,
  created_at  BIGINT NOT NULL,
  revoked_at  BIGINT
);
