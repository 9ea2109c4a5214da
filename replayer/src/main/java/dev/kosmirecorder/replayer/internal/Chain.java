package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.internal.ReplayScript.RecordedOperation;
import dev.kosmirecorder.replayer.internal.ReplayScript.ScriptedFrame;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** One playing sequence of recorded frames: an operation's answers, its stop answers, or the connection's init answers. */
final class Chain {
    final List<ScriptedFrame> frames;
    /** When the recorded gaps count from; set again when the chain waited for the ack. */
    volatile long baseNanos;
    /** The client's id for the operation, or null for the connection's own frames. */
    final String clientId;
    /** The client id as the JSON string that goes into each frame's id slot, made once. */
    final String quotedId;
    /** The recorded operation, or null for stop and init answers. */
    final RecordedOperation operation;
    /** The next frame to play; only the thread playing the chain touches it. */
    int index;
    volatile boolean cancelled;
    volatile ScheduledFuture<?> next;

    Chain(List<ScriptedFrame> frames, long baseNanos, String clientId, RecordedOperation operation) {
        this.frames = frames;
        this.baseNanos = baseNanos;
        this.clientId = clientId;
        this.quotedId = RenderedMessage.quote(clientId);
        this.operation = operation;
    }

    void cancel() {
        cancelled = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }
}
