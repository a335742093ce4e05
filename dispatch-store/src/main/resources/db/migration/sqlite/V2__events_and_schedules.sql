-- Topic events (with the invocations they fanned out to) and cron schedules.

ALTER TABLE invocations ADD COLUMN event_id TEXT;
ALTER TABLE invocations ADD COLUMN sender_id TEXT;

CREATE TABLE events (
  id               TEXT    PRIMARY KEY,
  namespace        TEXT    NOT NULL,
  topic            TEXT    NOT NULL,
  payload          TEXT    NOT NULL,
  sender_id        TEXT,
  trace_id         TEXT    NOT NULL,
  parent_id        TEXT,
  idempotency_key  TEXT,
  request_hash     TEXT,
  invocation_ids   TEXT    NOT NULL,
  created_at       INTEGER NOT NULL
);
CREATE INDEX events_list ON events (namespace, id);
CREATE INDEX events_topic ON events (namespace, topic, id);
CREATE INDEX events_trace ON events (trace_id);
CREATE UNIQUE INDEX events_idempotency ON events (namespace, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE schedules (
  id                  TEXT    PRIMARY KEY,
  namespace           TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  agent               TEXT    NOT NULL,
  function            TEXT    NOT NULL,
  cron                TEXT    NOT NULL,
  timezone            TEXT    NOT NULL,
  payload             TEXT    NOT NULL,
  paused              INTEGER NOT NULL,
  overlap             TEXT    NOT NULL,
  catchup             TEXT    NOT NULL,
  declared            INTEGER NOT NULL,
  next_fire_at        INTEGER,
  last_fire_at        INTEGER,
  last_invocation_id  TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE UNIQUE INDEX schedules_name ON schedules (namespace, name);
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE paused = 0 AND next_fire_at IS NOT NULL;
CREATE INDEX schedules_agent ON schedules (namespace, agent);
