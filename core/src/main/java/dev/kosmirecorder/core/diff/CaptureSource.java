package dev.kosmirecorder.core.diff;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One side of a comparison: a capture read whole from a file, or a session in a store read page by page so
 * that its frames are never all in memory at once.
 */
public interface CaptureSource {
    /** Frames read per page from a store. */
    int PAGE = FrameQuery.MAX_LIMIT;

    /** What to call this capture in a report: a file name or {@code session ID (name)}. */
    String label();

    List<HttpExchange> exchanges();

    List<WsConnection> connections();

    /** Hands every frame to {@code sink} in seq order. */
    void forEachFrame(Consumer<Frame> sink);

    static CaptureSource of(String label, Capture capture) {
        return new CaptureSource() {
            @Override public String label() { return label; }
            @Override public List<HttpExchange> exchanges() { return capture.exchanges(); }
            @Override public List<WsConnection> connections() { return capture.connections(); }
            @Override public void forEachFrame(Consumer<Frame> sink) { capture.frames().forEach(sink); }
        };
    }

    /** A stored session, its frames read by keyset paging; fails with {@link NoSuchSessionException} if absent. */
    static CaptureSource of(CaptureStore store, String sessionId) {
        Session session = store.session(sessionId).orElseThrow(() -> new NoSuchSessionException(sessionId));
        String label = "session " + sessionId + (session.name().isEmpty() ? "" : " (" + session.name() + ")");
        return new CaptureSource() {
            @Override public String label() { return label; }
            @Override public List<HttpExchange> exchanges() { return store.exchanges(sessionId); }
            @Override public List<WsConnection> connections() { return store.connections(sessionId); }

            @Override
            public void forEachFrame(Consumer<Frame> sink) {
                FrameQuery query = FrameQuery.firstPage(sessionId, PAGE);
                while (true) {
                    FramePage page = store.frames(query);
                    page.frames().forEach(sink);
                    if (!page.hasMore()) {
                        return;
                    }
                    query = query.after(page.nextAfterSeq());
                }
            }
        };
    }
}
