package dev.agentdispatch.runtime.checkpoint;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The ordering and paging rules both savers share. */
final class Checkpoints {
  private Checkpoints() {}

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** {@code all} must already be sorted newest first. */
  static List<Checkpoint> page(List<Checkpoint> all, Optional<String> before, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    int start = 0;
    if (before.isPresent()) {
      int idx = -1;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id().equals(before.get())) {
          idx = i;
          break;
        }
      }
      if (idx < 0) {
        return List.of();
      }
      start = idx + 1;
    }
    return List.copyOf(all.subList(start, Math.min(all.size(), start + limit)));
  }
}
