package dev.kosmirecorder.replayer;

/**
 * Which journal entries to list, as {@code GET /__admin/journal}'s query parameters say: by operation name, type and
 * connection, only those after a {@code seq}, at most {@code limit}. Null (or 0 for {@code after}) means "any".
 *
 * <pre>{@code mock.admin().journal(JournalFilter.all().operation("SendMessage").type("start"))}</pre>
 */
public record JournalFilter(String operation, String type, Integer connection, long after, Integer limit) {

    public JournalFilter {
        if (after < 0) {
            throw new IllegalArgumentException("after must be a seq >= 0: " + after);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** Every entry. */
    public static JournalFilter all() {
        return new JournalFilter(null, null, null, 0, null);
    }

    public JournalFilter operation(String v) {
        return new JournalFilter(v, type, connection, after, limit);
    }

    public JournalFilter type(String v) {
        return new JournalFilter(operation, v, connection, after, limit);
    }

    public JournalFilter connection(Integer v) {
        return new JournalFilter(operation, type, v, after, limit);
    }

    public JournalFilter after(long v) {
        return new JournalFilter(operation, type, connection, v, limit);
    }

    public JournalFilter limit(Integer v) {
        return new JournalFilter(operation, type, connection, after, v);
    }

    /** True when the entry passes every filter but {@code limit}. */
    public boolean accepts(JournalEntry e) {
        return e.seq() > after
                && (operation == null || operation.equals(e.operationName()))
                && (type == null || type.equals(e.type()))
                && (connection == null || connection.equals(e.connection()));
    }
}
