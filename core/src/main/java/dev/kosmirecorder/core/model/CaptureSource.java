package dev.kosmirecorder.core.model;

import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a writer needs of a capture, with the frames read one connection at a time as they are written: a
 * {@link Capture} in memory, or a store paging through a session of millions of frames (export streams, so a
 * 200,000-frame session exports within a small heap).
 */
public interface CaptureSource {
    Session session();

    List<HttpExchange> exchanges();

    List<WsConnection> connections();

    /** The frames of one connection in {@code seq} order; each call starts from the first. */
    Iterable<Frame> frames(int connectionId);

    /**
     * This source with every frame passed through {@code each} as a writer reads it (redaction, progress), and its
     * session, exchanges and connections as given: still one frame at a time, never the session in memory.
     */
    default CaptureSource mapFrames(Session session, List<HttpExchange> exchanges, List<WsConnection> connections,
            UnaryOperator<Frame> each) {
        CaptureSource source = this;
        return new CaptureSource() {
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
                Iterable<Frame> frames = source.frames(connectionId);
                return () -> {
                    Iterator<Frame> it = frames.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Frame next() {
                            return each.apply(it.next());
                        }
                    };
                };
            }
        };
    }

    /** {@link #mapFrames(Session, List, List, UnaryOperator)} keeping this source's session, exchanges and connections. */
    default CaptureSource mapFrames(UnaryOperator<Frame> each) {
        return mapFrames(session(), exchanges(), connections(), each);
    }

    /** A capture already in memory. */
    static CaptureSource of(Capture capture) {
        return new CaptureSource() {
            @Override
            public Session session() {
                return capture.session();
            }

            @Override
            public List<HttpExchange> exchanges() {
                return capture.exchanges();
            }

            @Override
            public List<WsConnection> connections() {
                return capture.connections();
            }

            @Override
            public Iterable<Frame> frames(int connectionId) {
                return capture.framesOf(connectionId);
            }
        };
    }
}
