-- Issue 5: sessions and their runs, inputs, state revisions and event logs; per-agent key-value memory.
-- Times are epoch milliseconds (UTC).

-- A conversation with one agent. active_run_id is the session's single active-run slot: a run becomes
-- active only by taking it, inside the write transaction that decides the input (one writer on SQLite, the
-- row locked on PostgreSQL), so there is never more than one. run_* columns are the template every run
-- of the session is created from (the function's retry policy and timeouts when the session was made).
CREATE TABLE sessions (
  namespace               TEXT    NOT NULL,
  id                      TEXT    NOT NULL,
  agent                   TEXT    NOT NULL,
  function                TEXT    NOT NULL,
  metadata                TEXT    NOT NULL,
  active_run_id           TEXT,
  state_revision          INTEGER NOT NULL,
  input_seq               INTEGER NOT NULL DEFAULT 0,
  event_seq               INTEGER NOT NULL DEFAULT 0,
  run_priority            INTEGER NOT NULL,
  run_retry_max_attempts  INTEGER NOT NULL,
  run_retry_initial_ms    INTEGER NOT NULL,
  run_retry_multiplier    REAL    NOT NULL,
  run_retry_max_ms        INTEGER NOT NULL,
  run_retry_jitter        TEXT    NOT NULL,
  run_retry_non_retryable TEXT    NOT NULL,
  run_timeout_ms          INTEGER NOT NULL,
  run_attempt_timeout_ms  INTEGER,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL,
  PRIMARY KEY (namespace, id)
);
CREATE UNIQUE INDEX sessions_active_run ON sessions (active_run_id) WHERE active_run_id IS NOT NULL;
CREATE INDEX sessions_list ON sessions (namespace, created_at, id);

-- Every input, stored before it is acknowledged. The queue is status='queued' ordered by priority
-- (interrupt/rollback inputs jump ahead) then seq.
CREATE TABLE session_inputs (
  namespace        TEXT    NOT NULL,
  session_id       TEXT    NOT NULL,
  seq              INTEGER NOT NULL,
  id               TEXT    NOT NULL,
  input            TEXT    NOT NULL,
  strategy         TEXT    NOT NULL,
  outcome          TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  priority         INTEGER NOT NULL,
  run_id           TEXT,
  idempotency_key  TEXT,
  request_hash     TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  PRIMARY KEY (namespace, session_id, seq)
);
CREATE UNIQUE INDEX session_inputs_id ON session_inputs (id);
CREATE UNIQUE INDEX session_inputs_idempotency ON session_inputs (namespace, session_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX session_inputs_queue ON session_inputs (namespace, session_id, priority DESC, seq)
  WHERE status = 'queued';
CREATE INDEX session_inputs_run ON session_inputs (run_id) WHERE run_id IS NOT NULL;

-- The runs of a session, with the state revision each started from (what rollback restores).
CREATE TABLE session_runs (
  namespace      TEXT    NOT NULL,
  session_id     TEXT    NOT NULL,
  run_id         TEXT    NOT NULL PRIMARY KEY,
  base_revision  INTEGER NOT NULL,
  rolled_back    INTEGER NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE INDEX session_runs_session ON session_runs (namespace, session_id);

-- The state document, one row per revision.
CREATE TABLE session_states (
  namespace      TEXT    NOT NULL,
  session_id     TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  state          TEXT    NOT NULL,
  run_id         TEXT,
  restored_from  INTEGER,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (namespace, session_id, revision)
);

-- The session's own ordered log: inputs, run starts and ends, state revisions, and copies of its runs'
-- events (run_id set), so one cursor follows the whole conversation.
CREATE TABLE session_events (
  namespace   TEXT    NOT NULL,
  session_id  TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  run_id      TEXT,
  data        TEXT    NOT NULL,
  PRIMARY KEY (namespace, session_id, seq)
);

-- Long-term memory: one JSON value per (namespace, agent, key); expired rows are invisible at once and
-- pruned by a background loop.
CREATE TABLE agent_kv (
  namespace   TEXT    NOT NULL,
  agent       TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  expires_at  INTEGER,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (namespace, agent, key)
);
CREATE INDEX agent_kv_expiry ON agent_kv (expires_at) WHERE expires_at IS NOT NULL;
