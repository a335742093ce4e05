-- PostgreSQL twin of sqlite/V10. Issue 15: the quality gate. A task whose type has a verifier holds
-- its agent's result here while the verifier judges it (the task stays in_progress); the verdict
-- moves it to result (approved) or clears it (rejected: the attempt failed). NULL when no verdict
-- is awaited.
ALTER TABLE tasks ADD COLUMN pending_result TEXT;
