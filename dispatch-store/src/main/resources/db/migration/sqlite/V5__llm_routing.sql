-- Issue 12: where the LLM gateway sends model calls. Providers, model aliases and experiments, per namespace.
-- Times are epoch milliseconds (UTC). Provider keys are never stored: api_key_env names the server's
-- environment variable that holds one.

-- models is a JSON array of model names (empty: the provider serves any model).
CREATE TABLE llm_providers (
  namespace      TEXT    NOT NULL,
  name           TEXT    NOT NULL,
  format         TEXT    NOT NULL,
  base_url       TEXT    NOT NULL,
  api_key_env    TEXT,
  models         TEXT    NOT NULL,
  default_model  TEXT,
  priority       INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (namespace, name)
);

CREATE TABLE llm_aliases (
  namespace   TEXT    NOT NULL,
  alias       TEXT    NOT NULL,
  model       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (namespace, alias)
);

-- agent is the agent whose calls the experiment splits, '' for the whole namespace; variants is a JSON
-- array of {name, weight, model?, system_prompt?}. At most one enabled experiment per scope.
CREATE TABLE llm_experiments (
  namespace   TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  agent       TEXT    NOT NULL,
  sticky_by   TEXT    NOT NULL,
  variants    TEXT    NOT NULL,
  enabled     INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (namespace, name)
);
CREATE UNIQUE INDEX llm_experiments_enabled_scope ON llm_experiments (namespace, agent) WHERE enabled = 1;
