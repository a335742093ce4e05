-- Issue 17: OpenTelemetry traces. An invocation's trace_id is its OTel trace (the UUID's 32 hex
-- digits); parent_span_id is the 16-hex-digit span its own span hangs under: the admission span
-- of the request that created it, or the caller's span named by a W3C traceparent. NULL: the
-- invocation's span is the root of its trace. The spans of an invocation and of its attempts are
-- derived from stored fields alone, so any node can emit them consistently.
ALTER TABLE invocations ADD COLUMN parent_span_id TEXT;
-- A session input carries the trace of the request that sent it to the run it starts (which may
-- start later, when the session's slot frees). NULL: the run gets a trace of its own.
ALTER TABLE session_inputs ADD COLUMN trace_id TEXT;
ALTER TABLE session_inputs ADD COLUMN parent_span_id TEXT;
