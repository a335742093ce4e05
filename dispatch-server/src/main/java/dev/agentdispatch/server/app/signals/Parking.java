package dev.agentdispatch.server.app.signals;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The waits of one request, which end early when its caller hangs up. A door binds one to the
 * thread that serves a request ({@link #serve}); every wait in the services ({@link Waiters#await},
 * a lease poll's wait for work) goes through {@link #park}, and the door calls {@link #hangUp} when
 * it learns the caller is gone. The wait then ends at once with {@link CallerGone}: its waiter
 * unregisters, nothing is read or claimed for nobody, and the request's thread and socket go. A
 * thread serving no request (a push loop, a test) waits as before.
 *
 * <p>A hang-up interrupts the thread only while it is parked, never while it works (an interrupt in
 * the middle of a claim could abandon a committed lease): a hang-up that comes while it works makes
 * its next wait end at once. A {@link #probe} runs only while the thread is parked and holds it
 * there until done, so it never reads the connection while the door does.
 */
public final class Parking {
  private static final ThreadLocal<Parking> CURRENT = new ThreadLocal<>();

  private static final int WORKING = 0;
  private static final int PARKED = 1;
  private static final int PROBING = 2;
  private static final int INTERRUPTING = 3;
  private static final int GONE = 4;

  private final AtomicInteger state = new AtomicInteger(WORKING);
  private final BooleanSupplier hungUp;
  private final Consumer<Parking> onPark;
  private final Consumer<Parking> onUnpark;
  private volatile Thread thread;

  /** The caller of the request this thread serves hung up: there is nobody to answer. */
  public static final class CallerGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CallerGone() {
      super("the caller hung up", null, false, false);
    }
  }

  /** A wait that may be interrupted. */
  @FunctionalInterface
  public interface Wait {
    void run() throws InterruptedException;
  }

  /**
   * @param hungUp whether the caller is gone, checked now without blocking, on the request's own
   *     thread ({@link #callerGone})
   * @param onPark told when the request's thread parks (e.g. to start probing its connection)
   * @param onUnpark told when it wakes
   */
  public Parking(BooleanSupplier hungUp, Consumer<Parking> onPark, Consumer<Parking> onUnpark) {
    this.hungUp = Objects.requireNonNull(hungUp, "hungUp is null");
    this.onPark = Objects.requireNonNull(onPark, "onPark is null");
    this.onUnpark = Objects.requireNonNull(onUnpark, "onUnpark is null");
  }

  /** A request's handling. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws Exception;
  }

  /** Runs {@code work} (a request's handling) with {@code parking} as the one its waits go by. */
  public static <T> T serve(Parking parking, Work<T> work) throws Exception {
    Parking outer = CURRENT.get();
    CURRENT.set(parking);
    try {
      return work.run();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * Whether the caller of the request this thread serves hung up, checked now (false with no
   * request): e.g. before answering with work taken for it.
   */
  public static boolean callerGone() {
    Parking p = CURRENT.get();
    if (p == null) {
      return false;
    }
    if (!p.gone() && p.hungUp.getAsBoolean()) {
      p.hangUp();
    }
    return p.gone();
  }

  /**
   * Runs {@code wait}. On a thread serving a request, a hang-up ends it with {@link CallerGone},
   * before it starts or while it waits; any other interrupt is passed on as {@code wait} passes it.
   */
  public static void park(Wait wait) throws InterruptedException {
    Parking p = CURRENT.get();
    if (p == null) {
      wait.run();
      return;
    }
    p.parked(wait);
  }

  private void parked(Wait wait) throws InterruptedException {
    thread = Thread.currentThread();
    if (!state.compareAndSet(WORKING, PARKED)) {
      throw new CallerGone();
    }
    onPark.accept(this);
    try {
      wait.run();
    } catch (InterruptedException e) {
      if (!gone() && state.get() != INTERRUPTING) {
        throw e;
      }
    } finally {
      onUnpark.accept(this);
      unpark();
    }
  }

  /** Back to work, or {@link CallerGone} once the hang-up's interrupt is taken. */
  private void unpark() {
    while (!state.compareAndSet(PARKED, WORKING)) {
      switch (state.get()) {
        case PROBING, INTERRUPTING -> Thread.onSpinWait();
        case GONE -> {
          // The interrupt was sent: clear it here, where it was meant to land, not in later work.
          Thread.interrupted();
          throw new CallerGone();
        }
        default -> throw new IllegalStateException("parking in state " + state.get());
      }
    }
  }

  /** The caller hung up: end the request's wait now, or its next one before it starts. */
  public void hangUp() {
    while (true) {
      switch (state.get()) {
        case WORKING -> {
          if (state.compareAndSet(WORKING, GONE)) {
            return;
          }
        }
        case PARKED -> {
          if (state.compareAndSet(PARKED, INTERRUPTING)) {
            thread.interrupt();
            state.set(GONE);
            return;
          }
        }
        case PROBING -> Thread.onSpinWait();
        default -> {
          return;
        }
      }
    }
  }

  /**
   * Runs {@code check} if the thread is parked, holding it parked meanwhile; when {@code check}
   * says the caller is gone, the wait ends as by {@link #hangUp}. Returns false when the thread was
   * not parked (nothing was checked).
   */
  public boolean probe(BooleanSupplier check) {
    if (!state.compareAndSet(PARKED, PROBING)) {
      return false;
    }
    boolean gone;
    try {
      gone = check.getAsBoolean();
    } catch (RuntimeException e) {
      state.set(PARKED);
      throw e;
    }
    if (gone) {
      state.set(INTERRUPTING);
      thread.interrupt();
      state.set(GONE);
    } else {
      state.set(PARKED);
    }
    return true;
  }

  /** Whether the caller hung up. */
  public boolean gone() {
    return state.get() == GONE;
  }
}
