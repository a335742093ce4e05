package dev.agentdispatch.sdk.worker;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where handlers run: one virtual thread per handler when the JVM has them (Java 21+), else a
 * cached pool of daemon platform threads. The SDK compiles for Java 17, so virtual threads are
 * found by name at run time.
 */
final class HandlerThreads {
  private final Optional<ThreadFactory> virtualFactory;
  private final ExecutorService platformPool;

  private HandlerThreads(Optional<ThreadFactory> virtualFactory, ExecutorService platformPool) {
    this.virtualFactory = virtualFactory;
    this.platformPool = platformPool;
  }

  static HandlerThreads create(String namePrefix, boolean allowVirtual) {
    Optional<ThreadFactory> virtual =
        allowVirtual ? virtualThreadFactory(namePrefix) : Optional.empty();
    return new HandlerThreads(
        virtual,
        virtual.isPresent() ? null : Executors.newCachedThreadPool(platformFactory(namePrefix)));
  }

  boolean isVirtual() {
    return virtualFactory.isPresent();
  }

  void execute(Runnable task) {
    if (virtualFactory.isPresent()) {
      virtualFactory.get().newThread(task).start();
    } else {
      platformPool.execute(task);
    }
  }

  /** Frees idle pool threads; running handlers are interrupted by their leases, not here. */
  void shutdown() {
    if (platformPool != null) {
      platformPool.shutdown();
    }
  }

  /** {@code Thread.ofVirtual().name(prefix, 0).factory()}, or empty before Java 21. */
  static Optional<ThreadFactory> virtualThreadFactory(String namePrefix) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      Class<?> virtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle ofVirtual =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(virtualType));
      MethodHandle name =
          lookup.findVirtual(
              builderType, "name", MethodType.methodType(builderType, String.class, long.class));
      MethodHandle factory =
          lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
      Object builder = name.invoke(ofVirtual.invoke(), namePrefix, 0L);
      return Optional.of((ThreadFactory) factory.invoke(builder));
    } catch (Throwable unavailable) {
      // Java 17-20, or virtual threads still in preview: fall back to platform threads.
      return Optional.empty();
    }
  }

  private static ThreadFactory platformFactory(String namePrefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, namePrefix + counter.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }
}
