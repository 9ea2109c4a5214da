package dev.kosmirecorder.core.store;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.WsConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where captures live. Implementations are thread-safe; each call is its own transaction, and a batch of frames
 * is committed all or nothing. Nothing here assumes one process owns the store (SPEC §9): a recording in
 * progress keeps a heartbeat, and only a session whose heartbeat has gone stale is declared interrupted.
 */
public interface CaptureStore extends AutoCloseable {

    /** Stores a new session and returns it with its id. */
    Session createSession(Session session);

    /** Replaces the stored session's name, status, end, frames lost and attributes. */
    void updateSession(Session session);

    /** Says that the process writing a {@code recording} session is still alive. */
    void heartbeat(String sessionId, Instant now);

    /**
     * Marks sessions still {@code recording} whose heartbeat is older than {@code staleAfter} as
     * {@code interrupted}: their writer died without ending them. Returns how many were marked.
     */
    int markAbandonedRecordings(Duration staleAfter, Instant now);

    Optional<Session> session(String id);

    /** All sessions, newest first. */
    List<SessionSummary> sessions();

    Optional<SessionSummary> summary(String id);

    /** Inserts the exchange, or replaces the one with the same id in the session. */
    void putExchange(String sessionId, HttpExchange exchange);

    /** Inserts the connection, or replaces the one with the same id in the session. */
    void putConnection(String sessionId, WsConnection connection);

    /** Appends frames in one transaction; their seqs must be new to the session. */
    void appendFrames(String sessionId, List<Frame> frames);

    /**
     * One batch of a live session, as {@link CaptureWriter} hands it over: connections and exchanges (insert or
     * replace), then frames, then the heartbeat when {@code heartbeat} is not null. A store across a network
     * commits it in one transaction of a few statements; this default makes one call per item.
     */
    default void writeBatch(String sessionId, List<WsConnection> connections, List<HttpExchange> exchanges, List<Frame> frames,
            Instant heartbeat) {
        connections.forEach(c -> putConnection(sessionId, c));
        exchanges.forEach(e -> putExchange(sessionId, e));
        if (!frames.isEmpty()) {
            appendFrames(sessionId, frames);
        }
        if (heartbeat != null) {
            heartbeat(sessionId, heartbeat);
        }
    }

    List<HttpExchange> exchanges(String sessionId);

    List<WsConnection> connections(String sessionId);

    FramePage frames(FrameQuery query);

    Optional<Frame> frame(String sessionId, long seq);

    /** Frames per direction in buckets of {@code bucketMicros}, in time order; empty buckets are left out. */
    List<TimelineBucket> timeline(String sessionId, long bucketMicros);

    /** The whole session in memory; for export and replay, not for browsing a million frames. */
    Capture load(String sessionId);

    /** Stores a whole capture in one transaction under a new id and returns that id. */
    String save(Capture capture);

    /** Deletes the session and everything in it; false when there was no such session. */
    boolean delete(String sessionId);

    /** Where this store lives, for messages (a path or a JDBC URL without credentials). */
    String location();

    @Override
    void close();
}
