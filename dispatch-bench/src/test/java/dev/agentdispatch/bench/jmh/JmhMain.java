package dev.agentdispatch.bench.jmh;

/**
 * Runs the JMH micro-benchmarks of the bench module's test sources, e.g. {@code java -cp
 * dispatch-bench/target/test-classes:dispatch-bench/target/classes:$(cat
 * dispatch-bench/target/bench.classpath) dev.agentdispatch.bench.jmh.JmhMain AdmissionJson}.
 */
public final class JmhMain {
  private JmhMain() {}

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
