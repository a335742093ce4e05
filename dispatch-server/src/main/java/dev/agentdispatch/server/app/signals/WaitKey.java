package dev.agentdispatch.server.app.signals;

import java.util.Objects;

/** What a waiter waits for: one invocation to end, or one log to grow. */
public record WaitKey(Kind kind, String namespace, String id) {
  /** The kinds of change a request can wait for. */
  public enum Kind {
    INVOCATION_ENDED,
    INVOCATION_LOG,
    SESSION_LOG
  }

  public WaitKey {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(id, "id is null");
  }

  public static WaitKey ended(String namespace, String invocationId) {
    return new WaitKey(Kind.INVOCATION_ENDED, namespace, invocationId);
  }

  public static WaitKey invocationLog(String namespace, String invocationId) {
    return new WaitKey(Kind.INVOCATION_LOG, namespace, invocationId);
  }

  public static WaitKey sessionLog(String namespace, String sessionId) {
    return new WaitKey(Kind.SESSION_LOG, namespace, sessionId);
  }
}
