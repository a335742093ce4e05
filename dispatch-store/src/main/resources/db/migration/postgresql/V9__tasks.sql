-- PostgreSQL twin of sqlite/V9. Issue 15: routed tasks (DESIGN §11). Times are epoch milliseconds (UTC).
--
-- A task is what was asked (title .. policy, never changed) plus where it stands (status ..
-- updated_at), every change computed by TaskStateMachine. policy is the retry and escalation rule
-- fixed at creation, as JSON; acceptance_criteria and tried_agents are JSON arrays of strings.
CREATE TABLE tasks (
  id                   TEXT    PRIMARY KEY,
  namespace            TEXT    NOT NULL,
  title                TEXT    NOT NULL,
  description          TEXT,
  acceptance_criteria  TEXT    NOT NULL,
  requested_type       TEXT,
  pinned_agent         TEXT,
  issue_tracker        TEXT,
  issue_repo           TEXT,
  issue_number         BIGINT,
  priority             INTEGER NOT NULL,
  idempotency_key      TEXT,
  timeout_ms           BIGINT,
  deadline_at          BIGINT,
  policy               TEXT    NOT NULL,
  created_at           BIGINT  NOT NULL,
  status               TEXT    NOT NULL,
  task_type            TEXT    NOT NULL,
  agent                TEXT,
  invocation_id        TEXT,
  attempt              INTEGER NOT NULL,
  chain_start          INTEGER NOT NULL,
  tried_agents         TEXT    NOT NULL,
  route_at             BIGINT  NOT NULL,
  waiting_since        BIGINT  NOT NULL,
  reason               TEXT    NOT NULL,
  result               TEXT,
  updated_at           BIGINT  NOT NULL
);
CREATE UNIQUE INDEX tasks_idempotency ON tasks (namespace, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX tasks_list ON tasks (namespace, id);
-- The router's work: pending tasks by when they are next looked at.
CREATE INDEX tasks_routing ON tasks (route_at) WHERE status = 'pending';
CREATE INDEX tasks_deadline ON tasks (deadline_at)
  WHERE deadline_at IS NOT NULL AND status IN ('pending', 'assigned', 'in_progress');
-- An agent's open load (for max_open_tasks).
CREATE INDEX tasks_open ON tasks (namespace, agent) WHERE status IN ('assigned', 'in_progress');

-- Every decision about a task, with its reason (and details such as the words a type was inferred
-- from, as JSON).
CREATE TABLE task_history (
  task_id  TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  at       BIGINT  NOT NULL,
  event    TEXT    NOT NULL,
  status   TEXT    NOT NULL,
  reason   TEXT    NOT NULL,
  details  TEXT,
  PRIMARY KEY (task_id, seq)
);

-- Side effects of task changes (an escalation's event and webhook), written in the transaction of
-- the change and carried out by the leader's outbox loop until done: a crash loses none.
CREATE TABLE task_outbox (
  id          TEXT    PRIMARY KEY,
  namespace   TEXT    NOT NULL,
  task_id     TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  due_at      BIGINT  NOT NULL,
  tries       INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  done_at     BIGINT
);
CREATE INDEX task_outbox_due ON task_outbox (due_at) WHERE done_at IS NULL;

-- Per-namespace task settings by name (type rules, retry and escalation policy, webhook secrets),
-- each a JSON document.
CREATE TABLE task_settings (
  namespace   TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  updated_at  BIGINT  NOT NULL,
  PRIMARY KEY (namespace, name)
);
