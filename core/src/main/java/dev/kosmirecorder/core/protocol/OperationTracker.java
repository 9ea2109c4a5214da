package dev.kosmirecorder.core.protocol;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives server frames the operation name of the client {@code start}/{@code subscribe} that opened their id, so
 * that "every frame of NewMessageSubscription" is one indexed filter. One tracker follows one session; it keeps
 * one map entry per live operation id and connection.
 */
public final class OperationTracker {
    private final Map<String, String> operations = new HashMap<>();

    /** The frame with its operation name filled in where the protocol lets us know it. */
    public Frame annotate(Frame frame) {
        GraphQlMessage m = frame.message();
        if (m.id() == null || m.type() == null) {
            return frame;
        }
        String key = frame.connectionId() + "\u0000" + m.id();
        if (frame.direction() == Direction.SENT && (m.type().equals("start") || m.type().equals("subscribe"))) {
            if (m.operationName() != null) {
                operations.put(key, m.operationName());
            } else {
                operations.remove(key);
            }
            return frame;
        }
        String known = operations.get(key);
        if (m.operationName() == null && known != null) {
            return frame.withMessage(m.withOperationName(known));
        }
        return frame;
    }

    /** Forgets the operations of a connection that has closed. */
    public void connectionClosed(int connectionId) {
        String prefix = connectionId + "\u0000";
        operations.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
