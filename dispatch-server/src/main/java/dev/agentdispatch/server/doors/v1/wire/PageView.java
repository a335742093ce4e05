package dev.agentdispatch.server.doors.v1.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.store.Page;
import java.util.List;
import java.util.function.Function;

/** Every paginated list of {@code /v1}: {@code {"items": [...], "next_cursor": "..."|null}}. */
public record PageView<T>(
    List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
  public static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
    return new PageView<>(page.items().stream().map(view).toList(), page.nextCursor().orElse(null));
  }

  /** A list that fits in one page: no next cursor. */
  public static <S, T> PageView<T> whole(List<S> items, Function<S, T> view) {
    return new PageView<>(items.stream().map(view).toList(), null);
  }

  /**
   * {@code {"items": [...]}}: a list that is never paginated (a log read by sequence, a history).
   */
  public record Items<T>(List<T> items) {
    public static <S, T> Items<T> of(List<S> items, Function<S, T> view) {
      return new Items<>(items.stream().map(view).toList());
    }
  }
}
