package dev.agentdispatch.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.TurnOptions;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OtelAbsentTest {
  @Test
  void withoutOpenTelemetryOnTheClassPathTheRuntimeWorksAndLoadsNoneOfIt() throws Exception {
    NoOtelClassLoader loader = new NoOtelClassLoader(getClass().getClassLoader());
    @SuppressWarnings("unchecked")
    Callable<String> scenario =
        (Callable<String>)
            loader
                .loadClass(OtelFreeScenario.class.getName())
                .getDeclaredConstructor()
                .newInstance();

    assertThat(scenario.call()).isEqualTo("answer 2");
    assertThat(loader.refused).isEmpty();

    // The loader really hides OpenTelemetry: asking for a producer fails in it.
    Class<?> producer = loader.loadClass(OtelSessionTelemetry.class.getName());
    assertThatThrownBy(producer::getDeclaredMethods).isInstanceOf(NoClassDefFoundError.class);
    assertThat(loader.refused).isNotEmpty();
  }

  @Test
  void withoutASuppliedOpenTelemetryNothingIsProducedEvenWithAGlobalOne() {
    try (OtelFixture otel = new OtelFixture()) {
      GlobalOpenTelemetry.resetForTest();
      GlobalOpenTelemetry.set(otel.sdk);
      try {
        AgentSession.builder("researcher", "answer")
            .build()
            .run(session -> session.runTurn(ctx -> "x", TurnOptions.model("model-a")).result());
      } finally {
        GlobalOpenTelemetry.resetForTest();
      }
      assertThat(otel.spans()).isEmpty();
      assertThat(otel.metrics.collectAllMetrics()).isEmpty();
    }
  }

  /**
   * Defines the runtime's classes itself (so that their references resolve here) and refuses every
   * OpenTelemetry class, recording the request.
   */
  private static final class NoOtelClassLoader extends ClassLoader {
    final List<String> refused = new CopyOnWriteArrayList<>();
    private final ClassLoader source;

    NoOtelClassLoader(ClassLoader source) {
      super(ClassLoader.getPlatformClassLoader());
      this.source = source;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.opentelemetry.")) {
        refused.add(name);
        throw new ClassNotFoundException(name);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = name.startsWith("dev.agentdispatch.runtime.") ? define(name) : source.loadClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
      try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
