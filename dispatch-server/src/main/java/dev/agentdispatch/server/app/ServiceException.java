package dev.agentdispatch.server.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a service refused a request. Services throw only these (and the store's typed errors); each
 * door maps them to its own wire shape, the {@code /v1} door to HTTP statuses. The set is closed so
 * a door's mapping is checked by the compiler to cover every case.
 */
public abstract sealed class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private ServiceException(String message) {
    super(message);
  }

  /**
   * Prefixes the message with where in a larger request the problem is, e.g. {@code
   * invocations[3]}.
   */
  public abstract ServiceException at(String where);

  /** The request is malformed: a field is missing, out of range, or not a valid name. */
  public static final class Invalid extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }

    @Override
    public Invalid at(String where) {
      return new Invalid(where + ": " + getMessage());
    }
  }

  /**
   * The request is well formed but breaks a rule of its target, e.g. a payload against its schema.
   */
  public static final class Unprocessable extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final transient Object details;

    /**
     * @param details what to show the caller, e.g. the list of schema violations
     */
    public Unprocessable(String message, Object details) {
      super(message);
      this.details = details;
    }

    public Object details() {
      return details;
    }

    @Override
    public Unprocessable at(String where) {
      return new Unprocessable(where + ": " + getMessage(), details);
    }
  }

  /** A payload, input or value is larger than the server accepts. */
  public static final class TooLarge extends ServiceException {
    private static final long serialVersionUID = 1L;

    public TooLarge(String message) {
      super(message);
    }

    @Override
    public TooLarge at(String where) {
      return new TooLarge(where + ": " + getMessage());
    }
  }

  /** The named thing does not exist (in this namespace). */
  public static final class NotFound extends ServiceException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }

    @Override
    public NotFound at(String where) {
      return new NotFound(where + ": " + getMessage());
    }
  }

  /**
   * The request conflicts with the current state: a reused idempotency key, a stale lease, a busy
   * session.
   *
   * @see #code()
   */
  public static final class Conflict extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final transient Optional<Object> details;

    /**
     * @param code a stable machine-readable reason, e.g. {@code idempotency_conflict}
     */
    public Conflict(String code, String message, Optional<Object> details) {
      super(message);
      this.code = code;
      this.details = details;
    }

    public String code() {
      return code;
    }

    public Optional<Object> details() {
      return details;
    }

    @Override
    public Conflict at(String where) {
      return new Conflict(code, where + ": " + getMessage(), details);
    }
  }

  /** The caller is not known: no credentials, or unknown or revoked ones. */
  public static final class Unauthenticated extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Unauthenticated(String message) {
      super(message);
    }

    @Override
    public Unauthenticated at(String where) {
      return new Unauthenticated(where + ": " + getMessage());
    }
  }

  /** The caller is known but may not do this here. */
  public static final class Forbidden extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(message);
    }

    @Override
    public Forbidden at(String where) {
      return new Forbidden(where + ": " + getMessage());
    }
  }

  /** The server cannot take this now (starting, shutting down); the caller should retry later. */
  public static final class Unavailable extends ServiceException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
      super(message);
    }

    @Override
    public Unavailable at(String where) {
      return new Unavailable(where + ": " + getMessage());
    }
  }

  /**
   * A model call would take a budget past its limit; nothing was sent to any provider. The message
   * names the budget, its limit, the spend so far and when it resets.
   */
  public static final class BudgetExceeded extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final Instant resetsAt;

    public BudgetExceeded(String message, Instant resetsAt) {
      super(message);
      this.resetsAt = Objects.requireNonNull(resetsAt, "resetsAt");
    }

    /** When the budget's period ends and spending may resume. */
    public Instant resetsAt() {
      return resetsAt;
    }

    @Override
    public BudgetExceeded at(String where) {
      return new BudgetExceeded(where + ": " + getMessage(), resetsAt);
    }
  }

  /**
   * An invocation is over its agent's or function's rate limit; nothing was stored. Retrying after
   * {@link #retryAfter} may pass.
   */
  public static final class RateLimited extends ServiceException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
      return retryAfter;
    }

    @Override
    public RateLimited at(String where) {
      return new RateLimited(where + ": " + getMessage(), retryAfter);
    }
  }
}
