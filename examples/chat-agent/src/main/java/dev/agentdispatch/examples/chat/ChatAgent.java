package dev.agentdispatch.examples.chat;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The example agent {@value #AGENT}: one conversational function {@code turn} whose input text
 * picks what it does.
 *
 * <ul>
 *   <li>{@code sleep:MS} works for MS milliseconds, reporting progress every {@value #TICK_MS} ms,
 *       and stops at its next tick when the invocation is cancelled;
 *   <li>{@code approve:X} waits for input with the prompt {@code {"question": "deploy X?"}} and
 *       answers {@code decision:<the answer's text>};
 *   <li>any other text answers {@code done:<text>}.
 * </ul>
 *
 * <p>It shows sessions, waiting for input and cancellation through every door (the native API, MCP,
 * A2A, LangGraph). Run it with {@code dispatch example chat}.
 */
public final class ChatAgent {
  /** The agent name. */
  public static final String AGENT = "chat";

  /** How often a sleeping turn reports progress and looks for a cancel, in milliseconds. */
  public static final long TICK_MS = 100;

  /** Creates the handler object; it holds no state, so one instance serves all threads. */
  public ChatAgent() {}

  /**
   * One turn of the conversation.
   *
   * @param ctx the run's context
   * @param in what the user said
   * @return the answer
   * @throws InterruptedException when the worker stops while the turn sleeps
   */
  @Fn(
      description =
          "One chat turn: 'sleep:MS' works MS milliseconds, 'approve:X' asks whether to deploy X,"
              + " any other text is answered at once")
  public Message turn(Context ctx, Message in) throws InterruptedException {
    String text = in.text() == null ? "" : in.text();
    if (text.startsWith("sleep:")) {
      return sleep(ctx, Long.parseLong(text.substring("sleep:".length()).trim()));
    }
    if (text.startsWith("approve:")) {
      String what = text.substring("approve:".length());
      JsonNode answer = ctx.waitForInput(Map.of("question", "deploy " + what + "?"));
      return new Message("decision:" + answer.path("text").asString());
    }
    return new Message("done:" + text);
  }

  private static Message sleep(Context ctx, long millis) throws InterruptedException {
    long start = System.nanoTime();
    long slept = 0;
    while (slept < millis) {
      if (ctx.isCancelled()) {
        return new Message("cancelled after " + slept + " ms");
      }
      Thread.sleep(Math.min(TICK_MS, millis - slept));
      slept = (System.nanoTime() - start) / 1_000_000;
      ctx.report("progress", Map.of("done_ms", Math.min(slept, millis), "total_ms", millis));
    }
    return new Message("done:sleep:" + millis);
  }

  /**
   * Builds the worker for this agent without starting it.
   *
   * @param client the client to serve through
   * @return the worker, not started
   */
  public static Worker build(DispatchClient client) {
    return Worker.builder()
        .client(client)
        .agent(AGENT)
        .description("A conversational example agent for Agent Dispatch")
        .version("1.0")
        .register(new ChatAgent())
        .build();
  }

  /**
   * Builds and starts the worker for this agent.
   *
   * @param client the client to serve through
   * @return the started worker; call {@link Worker#stop()} to stop it
   */
  public static Worker start(DispatchClient client) {
    return build(client).start();
  }
}
