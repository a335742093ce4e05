-- PostgreSQL twin of db/migration/sqlite/V6. Issue 13: flow control. Times are epoch milliseconds (UTC).
--
-- Per-key concurrency is a gate on the row: an invocation whose key already has key_limit
-- invocations under way (pending with a slot, or running) waits with key_blocked = 1, outside the
-- claim index, until a slot of its key frees. So a key with 100,000 waiting invocations costs a
-- claim nothing. key_limit is the function's key_concurrency fixed at admission (NULL: no gate).
ALTER TABLE invocations ADD COLUMN key_limit INTEGER;
ALTER TABLE invocations ADD COLUMN key_blocked INTEGER NOT NULL DEFAULT 0;
-- The agent's execution class (lane) the invocation runs in; NULL: the default lane.
ALTER TABLE invocations ADD COLUMN lane TEXT;
-- Fairness between concurrency keys: the claim takes, within a priority, the lowest fair_seq first.
-- A keyed invocation gets one past the last of its key's work under way, but never less than the
-- claim's frontier, so keys take turns (virtual-time fair queueing); an invocation without a key
-- gets the frontier.
ALTER TABLE invocations ADD COLUMN fair_seq BIGINT NOT NULL DEFAULT 0;

DROP INDEX invocations_claim;
CREATE INDEX invocations_claim
  ON invocations (namespace, agent, priority DESC, fair_seq, available_at, id)
  WHERE status = 'pending' AND key_blocked = 0;
-- A claim that must skip a paused or saturated function or lane reads the others one by one
-- through this.
CREATE INDEX invocations_claim_class
  ON invocations (namespace, agent, lane, function, priority DESC, fair_seq, available_at, id)
  WHERE status = 'pending' AND key_blocked = 0;
-- The last fair_seq of a key's work under way.
CREATE INDEX invocations_fair_key ON invocations (namespace, agent, concurrency_key, fair_seq)
  WHERE concurrency_key IS NOT NULL AND status IN ('pending', 'running');
-- Running counts for caps: with a cap in force they are small, so counting is a short index walk.
CREATE INDEX invocations_running ON invocations (namespace, agent, function)
  WHERE status = 'running';
-- The slots of a key, and its waiting invocations in the order they get a slot.
CREATE INDEX invocations_key_slots
  ON invocations (namespace, agent, function, concurrency_key, key_blocked, priority DESC, id)
  WHERE key_limit IS NOT NULL AND status IN ('pending', 'running');

-- An agent (function = '') or one of its functions whose dispatch an operator paused. Kept apart
-- from the agent's registration, so an agent re-announcing itself does not resume itself.
CREATE TABLE flow_pauses (
  namespace  TEXT    NOT NULL,
  agent      TEXT    NOT NULL,
  function   TEXT    NOT NULL,
  paused_at  BIGINT  NOT NULL,
  PRIMARY KEY (namespace, agent, function)
);

-- Rate limits: one token bucket per scope (an agent, a function, a function's key). tokens may go
-- below zero: a throttled invocation takes a token ahead of time and waits until it is due.
CREATE TABLE flow_buckets (
  namespace   TEXT    NOT NULL,
  scope       TEXT    NOT NULL,
  tokens      DOUBLE PRECISION NOT NULL,
  updated_at  BIGINT  NOT NULL,
  -- When the bucket is full again if nothing takes from it: past that it can be forgotten.
  full_at     BIGINT  NOT NULL,
  PRIMARY KEY (namespace, scope)
);
CREATE INDEX flow_buckets_full ON flow_buckets (full_at);

-- Degraded classes. flow_degrade is the agent's policy, written when it registers; flow_classes
-- counts each class's (lane's; '' is the default lane) consecutive failed attempts and says since
-- when it is degraded, and how (mode 'pause' or 'slow').
CREATE TABLE flow_degrade (
  namespace       TEXT    NOT NULL,
  agent           TEXT    NOT NULL,
  after_failures  INTEGER NOT NULL,
  mode            TEXT    NOT NULL,
  PRIMARY KEY (namespace, agent)
);
CREATE TABLE flow_classes (
  namespace    TEXT    NOT NULL,
  agent        TEXT    NOT NULL,
  lane         TEXT    NOT NULL,
  failures     INTEGER NOT NULL,
  degraded_at  BIGINT ,
  mode         TEXT,
  PRIMARY KEY (namespace, agent, lane)
);

-- Debounce: a waiting invocation of a debounced function carries its debounce key and when its
-- burst began (for max_wait); the next one of the burst finds it here and supersedes it.
ALTER TABLE invocations ADD COLUMN debounce_key TEXT;
ALTER TABLE invocations ADD COLUMN debounce_since BIGINT;
CREATE INDEX invocations_debounce ON invocations (namespace, agent, function, debounce_key)
  WHERE debounce_key IS NOT NULL AND status = 'pending';

-- An API key's own rate limit on the invocations it creates (NULL: none); see RateLimit.
ALTER TABLE api_keys ADD COLUMN rate_limit INTEGER;
ALTER TABLE api_keys ADD COLUMN rate_period_ms BIGINT;
ALTER TABLE api_keys ADD COLUMN rate_burst INTEGER;
ALTER TABLE api_keys ADD COLUMN rate_mode TEXT;

-- The lane every run of a session runs in (NULL: the default lane).
ALTER TABLE sessions ADD COLUMN run_lane TEXT;
