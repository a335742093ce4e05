package dev.agentdispatch.server.doors.mcp;

import java.util.Optional;

/**
 * A JSON-RPC error answered in place of a result (the request itself was wrong: an unknown method
 * or tool, malformed params). Failures of the work a tool does are not these but {@code isError}
 * results, as MCP asks, so a model can read them.
 */
final class RpcError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  /** The HTTP 401 of a request (no key, or a revoked one) as a JSON-RPC error code. */
  static final int UNAUTHENTICATED = -32001;

  private final int code;
  private final transient Optional<Object> data;

  RpcError(int code, String message, Optional<Object> data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  static RpcError invalidParams(String message) {
    return new RpcError(INVALID_PARAMS, message, Optional.empty());
  }

  static RpcError invalidRequest(String message) {
    return new RpcError(INVALID_REQUEST, message, Optional.empty());
  }

  int code() {
    return code;
  }

  Optional<Object> data() {
    return data;
  }
}
