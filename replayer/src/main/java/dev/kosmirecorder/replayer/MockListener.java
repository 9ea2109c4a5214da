package dev.kosmirecorder.replayer;

/**
 * Told what a mock does, as it happens: {@code serve} prints a line for each (SPEC §6, like mitmdump prints a
 * flow). Calls come from the mock's threads and must return quickly; an exception thrown here is ignored.
 */
public interface MockListener {
    /** Tells no one. */
    MockListener SILENT = new MockListener() { };

    /**
     * An accepted WebSocket connection has ended.
     *
     * @param framesDown frames the mock sent to the client
     * @param framesUp frames the client sent
     */
    record ConnectionReport(String remote, String path, int status, String subprotocol, String extensions, boolean acked,
                            long framesDown, long framesUp, int closeCode, String closeReason) { }

    default void connectionEnded(ConnectionReport report) {
    }

    /** A WebSocket upgrade was refused with {@code status}, for {@code reason}. */
    default void refused(String remote, String path, int status, String reason) {
    }

    /** A client started an operation the recording does not have; it got an error for it. */
    default void unmatched(String remote, int connectionId, String operation) {
    }

    /** A {@code POST /} was answered. */
    default void post(String remote, String operation, int status) {
    }
}
