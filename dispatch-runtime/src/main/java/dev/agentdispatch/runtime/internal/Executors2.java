package dev.agentdispatch.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-task executors that use virtual threads when the running JVM has them. The module compiles
 * with {@code --release 17}, where {@code Executors.newVirtualThreadPerTaskExecutor()} does not
 * exist at compile time, so it is looked up once by reflection; on a 17 runtime the fallback is a
 * cached pool of named daemon platform threads.
 */
public final class Executors2 {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private Executors2() {}

  /** A new executor that starts one thread per task. Close it with {@code shutdown()}. */
  public static ExecutorService perTask(String namePrefix) {
    try {
      var handle =
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class));
      return (ExecutorService) handle.invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return Executors.newCachedThreadPool(daemonFactory(namePrefix));
    } catch (Throwable e) {
      throw new IllegalStateException("could not create a virtual-thread executor", e);
    }
  }

  private static ThreadFactory daemonFactory(String prefix) {
    return r -> {
      Thread t = new Thread(r, prefix + "-" + SEQ.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
