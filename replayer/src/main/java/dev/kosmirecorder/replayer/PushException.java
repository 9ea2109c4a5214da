package dev.kosmirecorder.replayer;

/** A push the mock cannot make, with what was wrong and what to send instead; {@link #reason()} says which kind. */
public final class PushException extends IllegalArgumentException {
    /** Why a push was refused. */
    public enum Reason {
        /** The request is not {@code {"operation":…, "payload":{…}}} or {@code {"operation":…, "recorded":N}}. */
        BAD_REQUEST,
        /** The capture has no WebSocket operation of that name. */
        UNKNOWN_OPERATION,
        /** The operation has fewer recorded results than {@code recorded} asks for. */
        NO_SUCH_RESULT
    }

    private final Reason reason;

    public PushException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
