package dev.agentdispatch.server.doors.http;

/**
 * One log entry as a stream sends it.
 *
 * @param json the entry's full JSON view, sent as the SSE {@code data}
 */
public record StreamEntry(long seq, String type, String json) {}
