package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Optional;

/**
 * One page of a cursor-paginated list.
 *
 * @param items the items on this page
 * @param nextCursor the cursor of the next page; empty at the end
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  /** Copies the items and normalises the cursor. */
  public Page {
    items = Normalize.list(items);
    nextCursor = Normalize.optional(nextCursor);
  }

  /**
   * Tells whether more pages follow.
   *
   * @return true when there is a next cursor
   */
  public boolean hasMore() {
    return nextCursor.isPresent();
  }
}
