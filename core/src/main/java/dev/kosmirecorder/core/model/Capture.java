package dev.kosmirecorder.core.model;

import dev.kosmirecorder.core.protocol.OperationTracker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole session in memory: what a fixture holds, what the mock replays, what an export writes. Frames are in
 * {@code seq} order and each names a connection of this capture.
 */
public record Capture(Session session, List<HttpExchange> exchanges, List<WsConnection> connections, List<Frame> frames) {

    public Capture {
        Objects.requireNonNull(session, "session");
        exchanges = List.copyOf(exchanges);
        connections = List.copyOf(connections);
        frames = List.copyOf(frames);
        Set<Integer> connectionIds = new HashSet<>();
        for (WsConnection c : connections) {
            if (!connectionIds.add(c.id())) {
                throw new IllegalArgumentException("connection id " + c.id() + " appears twice");
            }
        }
        long lastSeq = -1;
        for (Frame f : frames) {
            if (!connectionIds.contains(f.connectionId())) {
                throw new IllegalArgumentException("frame " + f.seq() + " names connection " + f.connectionId() + ", which is not in the capture");
            }
            if (f.seq() <= lastSeq) {
                throw new IllegalArgumentException("frame seq " + f.seq() + " does not follow " + lastSeq + ": frames must be in increasing seq order");
            }
            lastSeq = f.seq();
        }
    }

    /** A capture whose server frames carry the operation name of the client frame that started their id. */
    public static Capture annotated(Session session, List<HttpExchange> exchanges, List<WsConnection> connections, List<Frame> frames) {
        OperationTracker tracker = new OperationTracker();
        List<Frame> annotated = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            annotated.add(tracker.annotate(f));
        }
        return new Capture(session, exchanges, connections, annotated);
    }

    public List<Frame> framesOf(int connectionId) {
        return frames.stream().filter(f -> f.connectionId() == connectionId).toList();
    }

    public Capture withSession(Session newSession) {
        return new Capture(newSession, exchanges, connections, frames);
    }
}
