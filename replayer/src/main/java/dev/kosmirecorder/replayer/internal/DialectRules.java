package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.core.protocol.Dialect;

/**
 * Where the two GraphQL-over-WebSocket dialects behave differently on the server side, as behaviour of each,
 * instead of {@code dialect ==} branches through the connection.
 */
enum DialectRules {
    /** subscriptions-transport-ws ({@code graphql-ws}), which Kosmi's browser client speaks. */
    LEGACY(Dialect.GRAPHQL_WS, "ka") {
        @Override
        ClientControl control(String type) {
            return type.equals("connection_terminate") ? ClientControl.TERMINATE : ClientControl.UNKNOWN;
        }
    },
    /** The graphql-ws library's protocol ({@code graphql-transport-ws}). */
    TRANSPORT(Dialect.GRAPHQL_TRANSPORT_WS, "ping") {
        @Override
        ClientControl control(String type) {
            return switch (type) {
                case "ping" -> ClientControl.PONG;
                case "pong" -> ClientControl.IGNORE; // an answer to our keep-alive ping
                default -> ClientControl.UNKNOWN;
            };
        }
    };

    /** What to do with a client message that is neither init, start nor stop. */
    enum ClientControl { TERMINATE, PONG, IGNORE, UNKNOWN }

    final Dialect dialect;
    /** The keep-alive message type the server sends. */
    final String keepAliveType;

    DialectRules(Dialect dialect, String keepAliveType) {
        this.dialect = dialect;
        this.keepAliveType = keepAliveType;
    }

    static DialectRules of(Dialect d) {
        return d == Dialect.GRAPHQL_WS ? LEGACY : TRANSPORT;
    }

    abstract ClientControl control(String type);

    /** The legacy client sends its starts right after connection_init without waiting for the ack; the newer may not. */
    boolean startsBeforeAck() {
        return this == LEGACY;
    }

    /** The legacy server answers stop with its recorded complete; in the newer protocol the client's complete ends it silently. */
    boolean answersStop() {
        return this == LEGACY;
    }

    /** The legacy server sends a ka right after connection_ack, then one every interval. */
    boolean keepAliveAfterAck() {
        return this == LEGACY;
    }

    /** The legacy protocol says what went wrong in a message before closing; the newer one only in the close. */
    boolean explainsBeforeClosing() {
        return this == LEGACY;
    }

    /** A recorded connection_error: the newer protocol has none, its server closes with 4403 instead. */
    boolean connectionErrorIsClose() {
        return this == TRANSPORT;
    }
}
