package dev.agentdispatch.server.app.sessions;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.memory.KvEntry;
import dev.agentdispatch.store.memory.KvStore;
import dev.agentdispatch.store.session.SessionRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Session ids reserved before their function is known: a conversation a protocol door opens before
 * its first message says whom it talks to (a LangGraph thread made without a {@code graph_id}). A
 * reservation keeps the id and the client's metadata durably, so it survives a restart; the first
 * input opens the session with that id and metadata and ends the reservation.
 *
 * <p>Reservations live in the key-value store under the owner {@value #OWNER}, which is not a valid
 * agent name, so no agent's memory can hold or read them.
 */
public final class SessionReservations {
  /** The key-value owner of every reservation. */
  static final String OWNER = "~session-reservations";

  private final KvStore kv;
  private final SessionService sessions;
  private final Clock clock;
  private final int maxPayloadBytes;

  public SessionReservations(
      KvStore kv, SessionService sessions, Clock clock, int maxPayloadBytes) {
    this.kv = kv;
    this.sessions = sessions;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /**
   * A reserved session id and what the client said about it.
   *
   * @param metadata a JSON object, the session's metadata once it opens
   */
  public record Reservation(
      String namespace, String id, ObjectNode metadata, Instant createdAt, Instant updatedAt) {
    public Reservation {
      Objects.requireNonNull(namespace, "namespace is null");
      Names.require(id, "thread_id");
      Objects.requireNonNull(metadata, "metadata is null");
    }
  }

  /**
   * Reserves {@code id} with {@code metadata}; a session or a reservation of that id already there
   * is a conflict, and nothing changes.
   */
  public Reservation reserve(String namespace, String id, ObjectNode metadata) {
    Names.require(id, "thread_id");
    Check.size(metadata.toString(), maxPayloadBytes, "metadata");
    if (session(namespace, id).isPresent() || find(namespace, id).isPresent()) {
      throw exists(namespace, id);
    }
    Instant now = clock.instant();
    return of(kv.put(namespace, OWNER, id, Json.write(metadata), Optional.empty(), now));
  }

  public Optional<Reservation> find(String namespace, String id) {
    if (!Names.valid(id)) {
      return Optional.empty();
    }
    return kv.get(namespace, OWNER, id, clock.instant()).map(SessionReservations::of);
  }

  /** A page of the namespace's reservations, by id; the cursor is the last id of a page. */
  public Page<Reservation> list(String namespace, int limit, Optional<String> cursor) {
    Check.limit(limit, SessionService.MAX_LIMIT);
    Page<KvEntry> page = kv.list(namespace, OWNER, "", limit, cursor, clock.instant());
    return new Page<>(
        page.items().stream().map(SessionReservations::of).toList(), page.nextCursor());
  }

  /** Ends a reservation that no session took; false when there was none. */
  public boolean cancel(String namespace, String id) {
    return Names.valid(id) && kv.delete(namespace, OWNER, id, clock.instant());
  }

  /**
   * Opens the reserved session with {@code open}'s agent and function, the reservation's metadata
   * under {@code open}'s, then ends the reservation. A session already opened under that id (a
   * racing first input) is returned as it is.
   */
  public SessionRecord open(Reservation r, SessionRequests.Create open) {
    ObjectNode metadata = r.metadata().deepCopy();
    metadata.setAll((ObjectNode) open.metadata());
    SessionRecord session;
    try {
      session =
          sessions.create(
              r.namespace(),
              new SessionRequests.Create(
                  open.agent(),
                  open.function(),
                  Optional.of(r.id()),
                  metadata,
                  open.state(),
                  open.lane()));
    } catch (ServiceException.Conflict raced) {
      session = sessions.get(r.namespace(), r.id());
    }
    kv.delete(r.namespace(), OWNER, r.id(), clock.instant());
    return session;
  }

  private Optional<SessionRecord> session(String namespace, String id) {
    try {
      return Optional.of(sessions.get(namespace, id));
    } catch (ServiceException.NotFound e) {
      return Optional.empty();
    }
  }

  private static ServiceException.Conflict exists(String namespace, String id) {
    return new ServiceException.Conflict(
        "session_exists",
        "'" + id + "' already exists in namespace '" + namespace + "'",
        Optional.empty());
  }

  private static Reservation of(KvEntry e) {
    JsonNode meta = Json.tree(e.valueJson());
    return new Reservation(
        e.namespace(),
        e.key(),
        meta.isObject() ? (ObjectNode) meta : JsonNodeFactory.instance.objectNode(),
        e.createdAt(),
        e.updatedAt());
  }
}
