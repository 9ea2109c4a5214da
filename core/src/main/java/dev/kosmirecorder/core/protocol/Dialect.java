package dev.kosmirecorder.core.protocol;

import java.util.Optional;

/** The two GraphQL-over-WebSocket protocols, named by their {@code Sec-WebSocket-Protocol} value. */
public enum Dialect {
    /** The legacy subscriptions-transport-ws protocol, which Kosmi's browser client speaks. */
    GRAPHQL_WS("graphql-ws"),
    /** The newer graphql-ws library's protocol. */
    GRAPHQL_TRANSPORT_WS("graphql-transport-ws");

    private final String subprotocol;

    Dialect(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    public String subprotocol() {
        return subprotocol;
    }

    public static Optional<Dialect> fromSubprotocol(String value) {
        for (Dialect d : values()) {
            if (d.subprotocol.equals(value)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The message type that starts an operation: {@code start} or {@code subscribe}. */
    public String startType() {
        return this == GRAPHQL_WS ? "start" : "subscribe";
    }

    /** The message type that carries a result: {@code data} or {@code next}. */
    public String resultType() {
        return this == GRAPHQL_WS ? "data" : "next";
    }

    /** The message type a client sends to end an operation: {@code stop} or {@code complete}. */
    public String stopType() {
        return this == GRAPHQL_WS ? "stop" : "complete";
    }
}
