package dev.kosmirecorder.core.model;

import java.util.List;

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
