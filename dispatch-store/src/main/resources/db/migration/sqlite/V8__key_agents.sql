-- Issue 19 #3: a key may be limited to named agents (DESIGN §12: a worker key leases and completes
-- for named agents). Comma-separated agent names; NULL: every agent of the key's namespace.
ALTER TABLE api_keys ADD COLUMN agents TEXT;
