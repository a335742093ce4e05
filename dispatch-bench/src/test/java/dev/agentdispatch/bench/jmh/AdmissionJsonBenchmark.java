package dev.agentdispatch.bench.jmh;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.doors.v1.invocations.InvocationBody;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The JSON work of admitting one invocation: today the server binds the body with the payload as a
 * tree, writes the tree back to a string and encodes it again to measure its size; the alternative
 * keeps the payload's bytes as they came (a streaming pass that skips over it). Run with {@link
 * JmhMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdmissionJsonBenchmark {
  @Param({"128", "16384"})
  int payloadBytes;

  private byte[] body;

  @Setup
  public void setUp() {
    String pad = "x".repeat(Math.max(0, payloadBytes - 40));
    String payload = "{\"t\":123456789,\"items\":[1,2,3],\"pad\":\"" + pad + "\"}";
    body =
        ("{\"agent\":\"bench-noop\",\"function\":\"noop\",\"payload\":" + payload + "}")
            .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What InvocationRoutes + InvocationService do now: bind, re-serialise the payload, encode it to
   * count bytes.
   */
  @Benchmark
  public int treeAndReserialise() {
    InvocationBody b = Json.MAPPER.readValue(body, InvocationBody.class);
    String payload = b.payload().toString();
    return payload.getBytes(StandardCharsets.UTF_8).length + b.agent().length();
  }

  /** The alternative: one streaming pass that keeps the payload as the raw bytes it arrived as. */
  @Benchmark
  public int streamingRawSlice() {
    int size = 0;
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("payload") && value.isStructStart()) {
          long start = p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          size = (int) (p.currentLocation().getByteOffset() - start);
        } else if (value.isStructStart()) {
          p.skipChildren();
        }
      }
    }
    return size;
  }
}
