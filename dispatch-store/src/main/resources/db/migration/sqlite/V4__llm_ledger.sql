-- Issue 12, the ledger: every LLM call (proxied by the gateway or reported by an agent), per-namespace
-- price overrides, namespace budgets, and the monthly budget counters with the holds of calls in flight.
-- Times are epoch milliseconds (UTC); money is integer micro-dollars (exact to six decimals).

-- One row per model call. cost_micros is the cost at the price in force when the call was recorded.
CREATE TABLE llm_calls (
  id                  TEXT    PRIMARY KEY,
  namespace           TEXT    NOT NULL,
  agent               TEXT,
  model               TEXT    NOT NULL,
  provider            TEXT    NOT NULL,
  variant             TEXT,
  endpoint            TEXT,
  input_tokens        INTEGER NOT NULL,
  output_tokens       INTEGER NOT NULL,
  cache_read_tokens   INTEGER NOT NULL,
  cache_write_tokens  INTEGER NOT NULL,
  cost_micros         INTEGER NOT NULL,
  latency_ms          INTEGER NOT NULL,
  ttft_ms             INTEGER,
  finish_reason       TEXT,
  status              TEXT    NOT NULL,
  error               TEXT,
  invocation_id       TEXT,
  trace_id            TEXT,
  session_id          TEXT,
  started_at          INTEGER NOT NULL
);
CREATE INDEX llm_calls_trace ON llm_calls (trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX llm_calls_invocation ON llm_calls (invocation_id) WHERE invocation_id IS NOT NULL;
CREATE INDEX llm_calls_agent_time ON llm_calls (namespace, agent, started_at);
CREATE INDEX llm_calls_time ON llm_calls (namespace, started_at);

-- A namespace's own price for a model, ahead of the server's pricing table. Micro-dollars per million tokens.
CREATE TABLE llm_prices (
  namespace                TEXT    NOT NULL,
  model                    TEXT    NOT NULL,
  input_micros_per_mtok    INTEGER NOT NULL,
  output_micros_per_mtok   INTEGER NOT NULL,
  cache_read_micros_per_mtok  INTEGER NOT NULL,
  cache_write_micros_per_mtok INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL,
  PRIMARY KEY (namespace, model)
);

-- Budgets set through the API; scope is 'namespace' today (agent budgets live on the agent's spec).
CREATE TABLE llm_budgets (
  namespace     TEXT    NOT NULL,
  scope         TEXT    NOT NULL,
  limit_micros  INTEGER NOT NULL,
  warn_at       REAL    NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (namespace, scope)
);

-- The spend of one scope ('namespace' or 'agent:<name>') in one calendar month (UTC, 'YYYY-MM'), and what
-- calls in flight hold against it. Admission and settlement change these rows in their own transactions,
-- so a budget holds across cluster nodes. warned flips once a month, when a settlement crosses warn_at.
CREATE TABLE llm_budget_usage (
  namespace        TEXT    NOT NULL,
  scope            TEXT    NOT NULL,
  month            TEXT    NOT NULL,
  spent_micros     INTEGER NOT NULL,
  reserved_micros  INTEGER NOT NULL,
  warned           INTEGER NOT NULL,
  PRIMARY KEY (namespace, scope, month)
);

-- One hold of a call in flight on one scope. Settlement deletes it; a hold whose node died is released by
-- the leader once expires_at passes, so reserved_micros never leaks.
CREATE TABLE llm_holds (
  reservation_id  TEXT    NOT NULL,
  namespace       TEXT    NOT NULL,
  scope           TEXT    NOT NULL,
  month           TEXT    NOT NULL,
  micros          INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  PRIMARY KEY (reservation_id, scope)
);
CREATE INDEX llm_holds_expiry ON llm_holds (expires_at);
