package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.FunctionSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One validated {@link Fn} method, ready to run: decodes the payload, calls the method, encodes the
 * result.
 *
 * @param spec the function as registered with the server
 * @param target the object the method belongs to
 * @param method the method
 * @param inputType the record it takes
 * @param outputType the record it returns, or empty for void
 * @param contextIndex the position of its {@link Context} parameter, or -1
 */
record FunctionHandler(
    FunctionSpec spec,
    Object target,
    Method method,
    Class<?> inputType,
    Optional<Class<?>> outputType,
    int contextIndex) {

  String name() {
    return spec.name();
  }

  /** The same handler registered as {@code other}. */
  FunctionHandler withSpec(FunctionSpec other) {
    return new FunctionHandler(other, target, method, inputType, outputType, contextIndex);
  }

  /** Runs the method; exceptions thrown by the handler come out unwrapped. */
  JsonNode call(JsonNode payload, Context context) throws Throwable {
    Object[] args = arguments(decode(payload), context);
    try {
      Object result = method.invoke(target, args);
      return outputType.isEmpty() ? NullNode.getInstance() : Json.toTree(result);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private Object decode(JsonNode payload) {
    JsonNode node =
        payload == null || payload.isNull() ? Json.payload().createObjectNode() : payload;
    try {
      return Json.fromTreeStrict(node, inputType);
    } catch (JacksonException e) {
      throw new InvalidPayloadException(
          "payload does not fit "
              + inputType.getSimpleName()
              + " of function '"
              + name()
              + "': "
              + e.getOriginalMessage(),
          e);
    }
  }

  private Object[] arguments(Object input, Context context) {
    if (contextIndex < 0) {
      return new Object[] {input};
    }
    return contextIndex == 0 ? new Object[] {context, input} : new Object[] {input, context};
  }
}
