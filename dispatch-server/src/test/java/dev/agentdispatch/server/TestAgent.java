package dev.agentdispatch.server;

import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Functions with every behaviour the end-to-end tests need. */
public final class TestAgent {
  public static final String NAME = "tester";

  /** The payload and result of every function. */
  public record Echo(String text) {}

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /** How many times a function ran with this text. */
  public int calls(String text) {
    return calls.computeIfAbsent(text, k -> new AtomicInteger()).get();
  }

  private int count(Echo in) {
    return calls.computeIfAbsent(in.text(), k -> new AtomicInteger()).incrementAndGet();
  }

  @Fn
  public Echo echo(Echo in) {
    count(in);
    return new Echo("echo:" + in.text());
  }

  @Fn
  public Echo failing(Echo in) throws IOException {
    count(in);
    throw new IOException("boom " + in.text());
  }

  @Fn
  public Echo flaky(Echo in) throws IOException {
    if (count(in) == 1) {
      throw new IOException("first attempt fails");
    }
    return new Echo("recovered:" + in.text());
  }

  @Fn
  public Echo invalid(Echo in) {
    count(in);
    throw new IllegalArgumentException("bad input " + in.text());
  }

  /**
   * Invokes {@code echo} from inside a handler, logs a line, and returns the child's invocation id.
   */
  @Fn
  public Echo parent(Context ctx, Echo in) {
    count(in);
    ctx.logger().info("starting child for {}", in.text());
    return new Echo(ctx.invoke(NAME, "echo", new Echo("child-of-" + in.text())).invocationId());
  }

  /** Runs until cancelled (or 30 s pass). */
  @Fn
  public Echo slow(Context ctx, Echo in) throws InterruptedException {
    count(in);
    long until = System.nanoTime() + 30_000_000_000L;
    while (!ctx.isCancelled() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    return new Echo("slow:" + in.text());
  }
}
