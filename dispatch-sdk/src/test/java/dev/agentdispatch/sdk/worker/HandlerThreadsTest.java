package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandlerThreadsTest {
  @Test
  void usesVirtualThreadsWhenTheJvmHasThem() throws Exception {
    HandlerThreads threads = HandlerThreads.create("vt-", true);
    CompletableFuture<Thread> ran = new CompletableFuture<>();

    threads.execute(() -> ran.complete(Thread.currentThread()));

    Thread thread = ran.get(5, TimeUnit.SECONDS);
    boolean expectVirtual = Runtime.version().feature() >= 21;
    assertThat(threads.isVirtual()).isEqualTo(expectVirtual);
    assertThat(isVirtual(thread)).isEqualTo(expectVirtual);
    assertThat(thread.getName()).startsWith("vt-");
  }

  @Test
  void fallsBackToNamedDaemonPlatformThreads() throws Exception {
    HandlerThreads threads = HandlerThreads.create("pt-", false);
    CompletableFuture<Thread> ran = new CompletableFuture<>();

    threads.execute(() -> ran.complete(Thread.currentThread()));

    Thread thread = ran.get(5, TimeUnit.SECONDS);
    assertThat(threads.isVirtual()).isFalse();
    assertThat(isVirtual(thread)).isFalse();
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("pt-0");
    threads.shutdown();
  }

  /** Thread.isVirtual() exists from Java 21; the SDK's tests compile for 17. */
  private static boolean isVirtual(Thread thread) throws Exception {
    try {
      return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    } catch (NoSuchMethodException before21) {
      return false;
    }
  }
}
