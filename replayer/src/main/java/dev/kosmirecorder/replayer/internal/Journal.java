package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.replayer.JournalEntry;
import dev.kosmirecorder.replayer.JournalFilter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What clients sent this mock run, oldest first, for tests to verify (SPEC §6 "Journal"). It lives in memory, apart
 * from the audit store, and keeps only the newest {@link #MAX_ENTRIES} entries and about {@link #MAX_CHARS} characters
 * of frames, dropping the oldest first, so a long-running {@code serve} stays bounded. Thread-safe: every connection
 * adds to it from its own Jetty thread; one short lock per entry, no I/O.
 */
public final class Journal {
    public static final int MAX_ENTRIES = 100_000;
    /** A bound on the frames' total size too, since a frame may be up to {@code --max-frame} bytes. */
    static final long MAX_CHARS = 256L * 1024 * 1024;

    /** A page of entries and the {@code seq} to ask {@code after} next time for what is newer. */
    public record Page(List<JournalEntry> entries, long next) { }

    private record Kept(JournalEntry entry, int chars) { }

    private final ArrayDeque<Kept> entries = new ArrayDeque<>();
    private final int maxEntries;
    private final long maxChars;
    private long chars;
    private long lastSeq;

    public Journal() {
        this(MAX_ENTRIES, MAX_CHARS);
    }

    Journal(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** A client's WebSocket frame, already parsed into a JSON object; {@code chars} is its text's length. */
    public void clientFrame(int connection, ObjectNode message, int chars) {
        JsonNode payload = message.get("payload");
        add(connection, text(message.get("type")), text(message.get("id")), operationName(payload), payload, chars);
    }

    /** A {@code POST /} body: a JSON object, or null when it was not one. */
    public void http(ObjectNode body, int bytes) {
        add(null, JournalEntry.HTTP, null, operationName(body), body, bytes);
    }

    private synchronized void add(Integer connection, String type, String id, String operationName, JsonNode payload, int size) {
        JournalEntry e = new JournalEntry(connection, ++lastSeq, Instant.now(), type, id, operationName, payload);
        entries.addLast(new Kept(e, size));
        chars += size;
        while (entries.size() > maxEntries || (chars > maxChars && entries.size() > 1)) {
            chars -= entries.removeFirst().chars();
        }
    }

    /** The entries the filter accepts, oldest first, up to its limit. */
    public synchronized Page find(JournalFilter filter) {
        List<JournalEntry> found = new ArrayList<>();
        int limit = filter.limit() == null ? Integer.MAX_VALUE : filter.limit();
        for (Kept k : entries) {
            if (filter.accepts(k.entry())) {
                if (found.size() == limit) {
                    // Truncated: the caller goes on after the last one it got.
                    return new Page(List.copyOf(found), found.get(found.size() - 1).seq());
                }
                found.add(k.entry());
            }
        }
        // Everything up to the newest entry has been looked at, matching or not.
        return new Page(List.copyOf(found), Math.max(filter.after(), lastSeq));
    }

    /** Empties the journal; the numbering goes on, so an {@code after} from before stays meaningful. */
    public synchronized void clear() {
        entries.clear();
        chars = 0;
    }

    /** The operation a GraphQL request names, or whose query names it; null for payloads that are no request. */
    private static String operationName(JsonNode payload) {
        if (payload == null || !(payload.path("query").isTextual() || payload.path("operationName").isTextual())) {
            return null;
        }
        return GraphQlRequest.from(payload).operationName();
    }

    private static String text(JsonNode n) {
        return n != null && (n.isTextual() || n.isNumber()) ? n.asText() : null;
    }
}
