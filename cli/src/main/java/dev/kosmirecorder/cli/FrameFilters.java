package dev.kosmirecorder.cli;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.store.FrameQuery;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code show --frames}' filters: the web UI's frame table's, with the same meaning (a {@link FrameQuery}). */
final class FrameFilters {
    @Option(names = "--direction", paramLabel = "sent|received", converter = DirectionConverter.class,
            description = "Only frames the client sent, or only frames it received.")
    Direction direction;

    @Option(names = "--connection", paramLabel = "N", description = "Only frames of WebSocket connection N (the WS column of 'show').")
    Integer connection;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only GraphQL-over-WebSocket messages of this type, e.g. connection_init, next, data.")
    String type;

    @Option(names = "--operation", paramLabel = "NAME", description = "Only frames of this GraphQL operation.")
    String operation;

    @Option(names = "--text", paramLabel = "TEXT", description = "Only frames whose payload contains TEXT.")
    String text;

    @Option(names = "--after", paramLabel = "SEQ", defaultValue = "-1",
            description = "Only frames with a sequence number above SEQ, to page on from the last one shown.")
    long after;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", converter = Values.Positive.class,
            description = "At most N frames (default: ${DEFAULT-VALUE}).")
    int limit;

    /** The first page's query; the caller pages on while fewer than {@link #limit} frames were printed. */
    FrameQuery query(String sessionId) {
        return new FrameQuery(sessionId, connection, direction, type, operation, text, after,
                Math.min(limit, FrameQuery.MAX_LIMIT));
    }

    static final class DirectionConverter implements ITypeConverter<Direction> {
        @Override
        public Direction convert(String value) {
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "sent", "out", "send" -> Direction.SENT;
                case "received", "in", "receive" -> Direction.RECEIVED;
                default -> throw new TypeConversionException("'" + value + "' is not a direction; use sent or received");
            };
        }
    }
}
