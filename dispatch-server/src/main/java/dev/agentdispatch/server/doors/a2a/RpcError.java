package dev.agentdispatch.server.doors.a2a;

import java.util.Optional;

/**
 * A JSON-RPC error the A2A door answers with (HTTP 200, {@code {"jsonrpc", "id", "error"}}): the
 * JSON-RPC 2.0 codes and A2A's own ({@code -32001} task not found, …), the same in 0.3 and 1.0.
 */
final class RpcError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL = -32603;
  static final int TASK_NOT_FOUND = -32001;
  static final int TASK_NOT_CANCELABLE = -32002;
  static final int PUSH_NOT_SUPPORTED = -32003;
  static final int UNSUPPORTED_OPERATION = -32004;
  static final int CONTENT_TYPE_NOT_SUPPORTED = -32005;
  static final int VERSION_NOT_SUPPORTED = -32009;

  private final int code;
  private final transient Optional<Object> data;

  RpcError(int code, String message, Optional<Object> data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  RpcError(int code, String message) {
    this(code, message, Optional.empty());
  }

  static RpcError invalidParams(String message) {
    return new RpcError(INVALID_PARAMS, message);
  }

  static RpcError taskNotFound(String id) {
    return new RpcError(TASK_NOT_FOUND, "task '" + id + "' not found");
  }

  int code() {
    return code;
  }

  Optional<Object> data() {
    return data;
  }
}
