package dev.agentdispatch.server.doors.dashboard;

import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The functions the dashboard's browser tests watch run. */
public final class DashAgent {
  public static final String NAME = "dash";

  /** Every payload and result. */
  public record Line(String text) {}

  /** Released by a test to let a running {@code talk} finish. */
  final CountDownLatch talkGate = new CountDownLatch(1);

  /** While true, {@code flip} fails. */
  volatile boolean broken = true;

  /** Logs a line, waits for the test, logs another and returns. */
  @Fn
  public Line talk(Context ctx, Line in) throws InterruptedException {
    ctx.logger().info("first line of {}", in.text());
    talkGate.await(30, TimeUnit.SECONDS);
    ctx.logger().info("second line of {}", in.text());
    return new Line("talked:" + in.text());
  }

  /** Fails while {@link #broken}, else answers. */
  @Fn
  public Line flip(Line in) throws IOException {
    if (broken) {
      throw new IOException("flip is broken for " + in.text());
    }
    return new Line("flipped:" + in.text());
  }
}
