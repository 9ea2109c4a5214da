package dev.kosmirecorder.core.store;

import dev.kosmirecorder.core.model.Direction;
import java.util.Objects;

/**
 * One page of frames: keyset paging by {@code seq} (frames with seq greater than {@code afterSeq}) plus optional
 * filters, so every page costs the same whether it is the first or the millionth. Null filters match all.
 */
public record FrameQuery(
        String sessionId,
        Integer connectionId,
        Direction direction,
        String type,
        String operation,
        String text,
        long afterSeq,
        int limit) {
    public static final int MAX_LIMIT = 1000;

    public FrameQuery {
        Objects.requireNonNull(sessionId, "sessionId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        type = blankToNull(type);
        operation = blankToNull(operation);
        text = blankToNull(text);
    }

    public static FrameQuery firstPage(String sessionId, int limit) {
        return new FrameQuery(sessionId, null, null, null, null, null, -1, limit);
    }

    public FrameQuery after(long seq) {
        return new FrameQuery(sessionId, connectionId, direction, type, operation, text, seq, limit);
    }

    public FrameQuery withType(String t) {
        return new FrameQuery(sessionId, connectionId, direction, t, operation, text, afterSeq, limit);
    }

    public FrameQuery withOperation(String op) {
        return new FrameQuery(sessionId, connectionId, direction, type, op, text, afterSeq, limit);
    }

    public FrameQuery withDirection(Direction d) {
        return new FrameQuery(sessionId, connectionId, d, type, operation, text, afterSeq, limit);
    }

    public FrameQuery withConnection(Integer id) {
        return new FrameQuery(sessionId, id, direction, type, operation, text, afterSeq, limit);
    }

    public FrameQuery withText(String t) {
        return new FrameQuery(sessionId, connectionId, direction, type, operation, t, afterSeq, limit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
