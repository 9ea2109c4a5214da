package dev.kosmirecorder.testing;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic session of many frames for paging tests (the store's and the web UI's): one connection, every
 * 100th frame a client {@code start}, the rest server {@code data} frames, cycling through four operations.
 */
public final class MillionFrames {
    public static final int FRAMES = 1_000_000;
    public static final String[] OPERATIONS = {"NewMessageSubscription", "MemberJoins", "MemberLeaves", "RoomChatQuery"};
    private static final int BATCH = 10_000;

    private MillionFrames() {
    }

    /** Stores a new session with {@code count} frames (seq 1..count) in batches and returns its id. */
    public static String fill(CaptureStore store, int count) {
        Session session = store.createSession(Session.start(SessionKind.RECORDING, "million", "synthetic", Instant.parse("2026-01-01T00:00:00Z")));
        String sessionId = session.id();
        store.putConnection(sessionId, WsConnection.builder().id(1).url("ws://127.0.0.1/gql-ws").status(101).build());
        List<Frame> batch = new ArrayList<>(BATCH);
        for (int seq = 1; seq <= count; seq++) {
            batch.add(frame(seq));
            if (batch.size() == BATCH) {
                store.appendFrames(sessionId, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.appendFrames(sessionId, batch);
        }
        return sessionId;
    }

    /** Every 100th frame is a client start; the rest are server data frames for one of four operations. */
    public static Frame frame(int seq) {
        String op = OPERATIONS[seq % OPERATIONS.length];
        String text = seq % 100 == 0
                ? "{\"type\":\"start\",\"id\":\"" + seq + "\",\"payload\":{\"operationName\":\"" + op + "\",\"query\":\"subscription " + op + " { x }\"}}"
                : "{\"type\":\"data\",\"id\":\"" + (seq % 7) + "\",\"payload\":{\"data\":{\"n\":" + seq + ",\"op\":\"" + op + "\"}}}";
        Frame f = Frame.text(1, seq, seq % 100 == 0 ? Direction.SENT : Direction.RECEIVED, text, seq * 1000L);
        // Data frames name their operation as the writer would after tracking the start.
        return f.withMessage(f.message().withOperationName(op));
    }
}
