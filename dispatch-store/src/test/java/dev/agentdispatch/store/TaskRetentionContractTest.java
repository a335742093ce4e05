package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskPolicy;
import dev.agentdispatch.core.task.TaskSpec;
import dev.agentdispatch.core.task.TaskState;
import dev.agentdispatch.core.task.TaskStateMachine;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.task.OutboxItem;
import dev.agentdispatch.store.task.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Task retention, the same on every database: ended tasks older than the cutoff go with their
 * history; open ones, newer ones and ones with a side effect still to carry out stay.
 */
public abstract class TaskRetentionContractTest {
  private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant CUTOFF = OLD.plus(Duration.ofDays(7));
  private static final String NS = "default";

  protected Store store;
  private TaskStore tasks;

  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
    tasks = store.tasks();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private Task task(String id, Instant at) {
    TaskSpec spec =
        new TaskSpec(
            id,
            NS,
            "title " + id,
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            5,
            Optional.empty(),
            Optional.empty(),
            TaskPolicy.DEFAULT,
            at);
    Task t = new Task(spec, TaskState.initial("triage", "created", at, at));
    tasks.create(t, "created", Optional.empty(), at);
    return t;
  }

  private void completed(String id, Instant at) {
    task(id, at);
    tasks.apply(
        NS, id, t -> TaskStateMachine.assign(t, 1, "a", "inv-" + id, at), Optional.empty(), at);
    tasks.apply(NS, id, t -> TaskStateMachine.complete(t, "{}", "done", at), Optional.empty(), at);
  }

  @Test
  void pruneDeletesOnlyOldEndedTasksWhoseSideEffectsAreDone() {
    completed("old-done", OLD);
    task("old-open", OLD);
    completed("new-done", CUTOFF.plusSeconds(1));
    task("old-escalated", OLD);
    tasks.apply(
        NS,
        "old-escalated",
        t -> TaskStateMachine.escalateWaiting(t, "nobody", OLD),
        Optional.empty(),
        OLD);

    assertThat(tasks.pruneEndedBefore(CUTOFF, 100)).isEqualTo(1);
    assertThat(tasks.find(NS, "old-done")).isEmpty();
    assertThat(tasks.history(NS, "old-done")).isEmpty();
    assertThat(tasks.find(NS, "old-open")).isPresent();
    assertThat(tasks.find(NS, "new-done")).isPresent();
    // Its escalation's event and webhook are still to be carried out: kept until they are.
    assertThat(tasks.find(NS, "old-escalated")).isPresent();
    for (OutboxItem item : tasks.dueOutbox(CUTOFF, 100)) {
      tasks.outboxDone(item.id(), CUTOFF);
    }
    assertThat(tasks.pruneEndedBefore(CUTOFF, 100)).isEqualTo(1);
    assertThat(tasks.find(NS, "old-escalated")).isEmpty();
    assertThat(tasks.dueOutbox(CUTOFF.plusSeconds(60), 100)).isEmpty();
  }
}
