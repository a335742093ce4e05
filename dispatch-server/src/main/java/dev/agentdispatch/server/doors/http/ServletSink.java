package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.app.llm.gateway.ResponseSink;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The gateway's answer written straight to the servlet response, past Javalin's result handling
 * (which would buffer and could compress it), each piece flushed so a stream reaches the client as
 * it arrives.
 */
public final class ServletSink implements ResponseSink {
  private final HttpServletResponse res;
  private ServletOutputStream out;

  public ServletSink(HttpServletResponse res) {
    this.res = res;
  }

  @Override
  public void start(int status, Map<String, String> headers) throws IOException {
    res.setStatus(status);
    headers.forEach(res::setHeader);
    out = res.getOutputStream();
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    out.flush();
  }
}
