package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.DispatchException;
import dev.agentdispatch.sdk.model.InvocationError;
import dev.agentdispatch.sdk.model.InvocationStatus;
import dev.agentdispatch.sdk.model.InvocationView;
import java.util.Optional;

/** An awaited invocation ended in {@code error}, {@code timed_out} or {@code cancelled}. */
public final class InvocationFailedException extends DispatchException {
  private static final long serialVersionUID = 1L;

  private final transient InvocationView view;

  /**
   * Creates the exception from the invocation's final view.
   *
   * @param view the terminal, unsuccessful invocation
   */
  public InvocationFailedException(InvocationView view) {
    super(describe(view));
    this.view = view;
  }

  /**
   * Returns the invocation as the server last reported it.
   *
   * @return the view
   */
  public InvocationView view() {
    return view;
  }

  /**
   * Returns how the invocation ended.
   *
   * @return error, timed_out or cancelled
   */
  public InvocationStatus status() {
    return view.status();
  }

  /**
   * Returns the error the worker or the server reported.
   *
   * @return the error, when there is one
   */
  public Optional<InvocationError> error() {
    return view.error();
  }

  /**
   * Returns the reported error type, e.g. {@code IllegalArgumentException}.
   *
   * @return the error type, when there is an error
   */
  public Optional<String> errorType() {
    return view.error().map(InvocationError::errorType);
  }

  private static String describe(InvocationView v) {
    String base =
        "invocation "
            + v.invocationId()
            + " ("
            + v.qualifiedFunction()
            + ") ended "
            + v.status().wireName()
            + " after attempt "
            + v.attempt()
            + "/"
            + v.maxAttempts();
    return v.error().map(e -> base + ": " + e).orElse(base);
  }
}
