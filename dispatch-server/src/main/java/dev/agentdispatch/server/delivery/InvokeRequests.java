package dev.agentdispatch.server.delivery;

import com.agentservice.v1.InvokeRequest;
import com.agentservice.v1.Payload;
import com.google.protobuf.ByteString;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.MessageKind;
import dev.agentdispatch.core.topic.Topics;
import java.time.Instant;
import java.util.Optional;

/**
 * Encodes an attempt as the dispatch_agents SDK's agents expect it. A function call names the
 * function; a topic message names the <em>pattern</em> the handler subscribed to, because the agent
 * looks its handlers up by that exact string. The invocation id goes in {@code uid} either way: the
 * handler sees it as its invocation id and as the parent of the calls it makes.
 */
final class InvokeRequests {
  static final String FUNCTION = "function";
  static final String TOPIC = "topic";

  private InvokeRequests() {}

  static InvokeRequest of(InvocationSpec invocation, AgentSpec agent, Instant now) {
    InvokeRequest.Builder request =
        InvokeRequest.newBuilder()
            .setUid(invocation.id())
            .setTraceId(invocation.traceId())
            .setTs(now.toString())
            .setPayload(
                Payload.newBuilder().setData(ByteString.copyFromUtf8(invocation.payloadJson())));
    Optional<String> pattern =
        invocation.message().kind() == MessageKind.TOPIC
            ? invocation.message().topic().flatMap(t -> pattern(agent, invocation.function(), t))
            : Optional.empty();
    return pattern
        .filter(p -> subscribers(agent, p) == 1)
        .map(p -> request.setMessageType(TOPIC).setTopic(p).setFunctionName(""))
        // A schedule fire, or a pattern several handlers of the agent share, goes as a call of the
        // one function: the agent would run every handler of the pattern per message, and we
        // already fanned the event out to each of them.
        .orElseGet(() -> request.setMessageType(FUNCTION).setFunctionName(invocation.function()))
        .build();
  }

  /** The first of the function's topic patterns that matches the concrete topic. */
  private static Optional<String> pattern(AgentSpec agent, String function, String topic) {
    return agent.function(function).stream()
        .flatMap(f -> f.triggers().stream())
        .<String>mapMulti((t, out) -> {
          if (t instanceof Trigger.Topic p) {
            out.accept(p.topic());
          }
        })
        .filter(p -> Topics.matches(p, topic))
        .findFirst();
  }

  private static long subscribers(AgentSpec agent, String pattern) {
    return agent.functions().stream()
        .map(FunctionSpec::triggers)
        .filter(ts -> ts.contains(new Trigger.Topic(pattern)))
        .count();
  }
}
