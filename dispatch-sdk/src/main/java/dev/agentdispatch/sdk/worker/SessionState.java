package dev.agentdispatch.sdk.worker;

import tools.jackson.databind.JsonNode;

/**
 * A session's state document (short-term memory), read and written by its run. Each write is a new
 * revision; a rollback input restores the revision the run started from.
 */
public interface SessionState {
  /**
   * Reads the current document.
   *
   * @return the document
   */
  JsonNode get();

  /**
   * Reads the current document as a type.
   *
   * @param type a record or map type
   * @param <T> the type
   * @return the document
   */
  <T> T get(Class<T> type);

  /**
   * Writes a new revision, fenced by this run's lease (refused once the run was rolled back).
   *
   * @param state a record, map or JSON tree
   * @return the new revision number
   */
  long put(Object state);
}
