package dev.kosmirecorder.core.diff;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.CaptureSource;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import dev.kosmirecorder.core.store.StoredCapture;
import java.util.function.Consumer;

/**
 * One side of a comparison: what to call it in a report, and the capture, read through the same
 * {@link CaptureSource} that export streams from: a capture file read whole, or a stored session read a page at a
 * time, so its frames are never all in memory at once.
 */
public record DiffInput(String label, CaptureSource capture) {

    /** A capture in memory, such as a file. */
    public static DiffInput of(String label, Capture capture) {
        return new DiffInput(label, CaptureSource.of(capture));
    }

    /** A stored session; fails with {@link NoSuchSessionException} if absent. */
    public static DiffInput of(CaptureStore store, String sessionId) {
        StoredCapture stored = StoredCapture.of(store, sessionId);
        String name = stored.session().name();
        return new DiffInput("session " + sessionId + (name.isEmpty() ? "" : " (" + name + ")"), stored);
    }

    /** Hands every frame to {@code sink}, connection by connection, each in seq order. */
    public void forEachFrame(Consumer<Frame> sink) {
        for (WsConnection c : capture.connections()) {
            capture.frames(c.id()).forEach(sink);
        }
    }
}
