package dev.agentdispatch.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a cursor-paginated list. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor is null");
  }
}
