package dev.agentdispatch.runtime.telemetry;

/** A scope opened by {@link OperationTrace#activate()}; close it on the thread that opened it. */
@FunctionalInterface
public interface Activation extends AutoCloseable {
  /** Nothing to undo. */
  Activation NONE = () -> {};

  @Override
  void close();
}
