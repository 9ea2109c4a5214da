package dev.kosmirecorder.core.model;

import dev.kosmirecorder.core.protocol.GraphQlMessage;
import java.util.Objects;

/**
 * One WebSocket message. {@code seq} orders frames across the whole session; {@code timeMicros} is monotonic
 * time since the session start. {@code message} holds the graphql-ws fields parsed once when the frame was made
 * (for a server frame, the operation name is the one its id was started with; see
 * {@link dev.kosmirecorder.core.protocol.OperationTracker}).
 */
public record Frame(
        int connectionId,
        long seq,
        Direction direction,
        Opcode opcode,
        Payload payload,
        long timeMicros,
        GraphQlMessage message) {

    public Frame {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
        message = message == null ? GraphQlMessage.NONE : message;
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0: " + seq);
        }
    }

    /** A frame whose graphql-ws fields are parsed from its own payload. */
    public static Frame of(int connectionId, long seq, Direction direction, Opcode opcode, Payload payload, long timeMicros) {
        GraphQlMessage parsed = opcode == Opcode.TEXT && payload.isUtf8() ? GraphQlMessage.parse(payload.text()) : GraphQlMessage.NONE;
        return new Frame(connectionId, seq, direction, opcode, payload, timeMicros, parsed);
    }

    public static Frame text(int connectionId, long seq, Direction direction, String text, long timeMicros) {
        return of(connectionId, seq, direction, Opcode.TEXT, Payload.ofText(text), timeMicros);
    }

    /** The payload as text; fails clearly for a binary frame. */
    public String text() {
        if (opcode != Opcode.TEXT) {
            throw new IllegalStateException("frame " + seq + " is binary; use payload().bytes()");
        }
        return payload.text();
    }

    public Frame withMessage(GraphQlMessage newMessage) {
        return new Frame(connectionId, seq, direction, opcode, payload, timeMicros, newMessage);
    }

    public Frame withSeq(long newSeq) {
        return new Frame(connectionId, newSeq, direction, opcode, payload, timeMicros, message);
    }

    @Override
    public String toString() {
        return "Frame{conn=" + connectionId + ", seq=" + seq + ", " + direction.wireName() + ", " + opcode.wireName()
                + ", " + payload.size() + " bytes, t=" + timeMicros + "us, type=" + message.type() + "}";
    }
}
