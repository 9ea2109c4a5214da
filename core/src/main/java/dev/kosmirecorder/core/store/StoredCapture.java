package dev.kosmirecorder.core.store;

import dev.kosmirecorder.core.model.CaptureSource;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.WsConnection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A stored session as a {@link CaptureSource}: exchanges and connections in memory (they are few), frames read a
 * page at a time with keyset paging, so exporting a million frames holds one page in memory, not the session.
 */
public final class StoredCapture implements CaptureSource {
    static final int PAGE = FrameQuery.MAX_LIMIT;

    private final CaptureStore store;
    private final Session session;
    private final List<HttpExchange> exchanges;
    private final List<WsConnection> connections;

    private StoredCapture(CaptureStore store, Session session) {
        this.store = store;
        this.session = session;
        this.exchanges = store.exchanges(session.id());
        this.connections = store.connections(session.id());
    }

    public static StoredCapture of(CaptureStore store, String sessionId) {
        return new StoredCapture(store, store.session(sessionId).orElseThrow(() -> new NoSuchSessionException(sessionId)));
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public List<HttpExchange> exchanges() {
        return exchanges;
    }

    @Override
    public List<WsConnection> connections() {
        return connections;
    }

    @Override
    public Iterable<Frame> frames(int connectionId) {
        return () -> new Pages(FrameQuery.firstPage(session.id(), PAGE).withConnection(connectionId));
    }

    /** Walks the pages of a query, asking for the next one when the current one is used up. */
    private final class Pages implements Iterator<Frame> {
        private FrameQuery query;
        private Iterator<Frame> page = List.<Frame>of().iterator();
        private boolean last;

        Pages(FrameQuery first) {
            this.query = first;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !last) {
                FramePage next = store.frames(query);
                page = next.frames().iterator();
                last = !next.hasMore();
                query = query.after(next.nextAfterSeq());
            }
            return page.hasNext();
        }

        @Override
        public Frame next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }
}
