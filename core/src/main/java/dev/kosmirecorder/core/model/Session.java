package dev.kosmirecorder.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One recording, import or mock run. {@code id} is assigned by the store and is null for a session that has not
 * been stored (for example one read from a fixture). {@code attributes} are free-form labels kept in key order
 * (for example {@code synthetic=true}, or a note on what Chrome hides).
 */
public record Session(
        String id,
        SessionKind kind,
        String name,
        String target,
        SessionStatus status,
        Instant startedAt,
        Instant endedAt,
        long framesLost,
        Map<String, String> attributes) {

    public Session {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        name = name == null ? "" : name;
        target = target == null ? "" : target;
        if (framesLost < 0) {
            throw new IllegalArgumentException("framesLost must be >= 0: " + framesLost);
        }
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("endedAt " + endedAt + " is before startedAt " + startedAt);
        }
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A new session that starts now with the given kind and labels, status {@code recording}. */
    public static Session start(SessionKind kind, String name, String target, Instant startedAt) {
        return new Session(null, kind, name, target, SessionStatus.RECORDING, startedAt, null, 0, Map.of());
    }

    public Optional<Duration> duration() {
        return endedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, endedAt));
    }

    public Session withId(String newId) {
        return new Session(newId, kind, name, target, status, startedAt, endedAt, framesLost, attributes);
    }

    public Session withStatus(SessionStatus newStatus, Instant newEndedAt) {
        return new Session(id, kind, name, target, newStatus, startedAt, newEndedAt, framesLost, attributes);
    }

    public Session withKind(SessionKind newKind) {
        return new Session(id, newKind, name, target, status, startedAt, endedAt, framesLost, attributes);
    }

    public Session withFramesLost(long lost) {
        return new Session(id, kind, name, target, status, startedAt, endedAt, lost, attributes);
    }

    public Session withAttribute(String key, String value) {
        Map<String, String> copy = new TreeMap<>(attributes);
        copy.put(key, value);
        return new Session(id, kind, name, target, status, startedAt, endedAt, framesLost, copy);
    }

    /** Wall-clock time of a moment given in microseconds since the session start. */
    public Instant wallTime(long micros) {
        return startedAt.plusNanos(Math.multiplyExact(micros, 1000L));
    }
}
