package dev.agentdispatch.server.app.llm.gateway;

import java.io.IOException;
import java.util.Map;

/**
 * Where the gateway writes a call's answer: the door implements it over its HTTP response. {@link
 * #start} is called once, then {@link #write} for each piece, which must reach the client at once
 * (a stream is not buffered).
 */
public interface ResponseSink {
  /** Sends the status and headers; called once, before any byte. */
  void start(int status, Map<String, String> headers) throws IOException;

  /** Sends {@code length} bytes and flushes them. */
  void write(byte[] bytes, int offset, int length) throws IOException;
}
