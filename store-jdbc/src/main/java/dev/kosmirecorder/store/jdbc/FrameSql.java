package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.FrameQuery;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the keyset-paged frame query for a {@link FrameQuery}. Every filter is an equality on an indexed column
 * that leads with {@code session_id} and ends with {@code seq}, so the database walks one index range in seq
 * order and stops after one page; free text is a LIKE on the rows that range yields.
 *
 * <p>Two shapes, because H2 2.3 plans them differently. With a filter on an indexed column, the ORDER BY names
 * that whole index ({@code session_id, operation, seq}: the leading columns are fixed by equalities, so this is
 * still seq order), and H2 then both starts at the cursor and stops after one page. Without one, the page walks
 * the primary key, where H2 either starts at the cursor but reads and sorts every later row ({@code ORDER BY
 * seq}) or stops after a page but starts at the session's first row ({@code ORDER BY session_id, seq}); so that
 * shape is bounded above ({@code seq <= upTo}) and the store widens the window until the page is full.
 */
record FrameSql(String text, List<Object> params) {

    /** Whether the page walks a secondary index (one filter on an indexed column) rather than the primary key. */
    static boolean walksSecondaryIndex(FrameQuery q) {
        return indexColumn(q) != null;
    }

    /** The page of a query that walks a secondary index; {@link #window} for the others. */
    static FrameSql page(FrameQuery q) {
        if (!walksSecondaryIndex(q)) {
            throw new IllegalArgumentException("query walks the primary key; use window()");
        }
        return build(q, null);
    }

    /** A primary-key page limited to frames with {@code afterSeq < seq <= upTo}. */
    static FrameSql window(FrameQuery q, long upTo) {
        return build(q, upTo);
    }

    /** The session's highest seq: the primary key walked backwards from the end, one row read. */
    static FrameSql lastSeq(String sessionId) {
        return new FrameSql("SELECT seq FROM frame WHERE session_id = ? AND seq >= ? ORDER BY session_id DESC, seq DESC "
                + "FETCH FIRST 1 ROWS ONLY", List.of(sessionId, 0L));
    }

    private static FrameSql build(FrameQuery q, Long upTo) {
        StringBuilder sql = new StringBuilder("SELECT connection_id, seq, direction, opcode, time_us, payload_text, payload_bin, "
                + "payload_lob, msg_type, msg_id, operation FROM frame WHERE session_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(q.sessionId());
        if (q.connectionId() != null) {
            sql.append(" AND connection_id = ?");
            params.add(q.connectionId());
        }
        if (q.direction() != null) {
            sql.append(" AND direction = ?");
            params.add(q.direction().wireName());
        }
        if (q.type() != null) {
            sql.append(" AND msg_type = ?");
            params.add(q.type());
        }
        if (q.operation() != null) {
            sql.append(" AND operation = ?");
            params.add(q.operation());
        }
        if (q.text() != null) {
            sql.append(" AND LOWER(payload_text) LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(q.text().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        sql.append(" AND seq > ?");
        params.add(q.afterSeq());
        if (upTo == null) {
            sql.append(" ORDER BY session_id, ").append(indexColumn(q)).append(", seq");
        } else {
            sql.append(" AND seq <= ? ORDER BY seq");
            params.add(upTo);
        }
        sql.append(" FETCH FIRST ? ROWS ONLY");
        params.add(q.limit() + 1);
        return new FrameSql(sql.toString(), List.copyOf(params));
    }

    /** The indexed column whose index the page walks: the most selective filter given. */
    private static String indexColumn(FrameQuery q) {
        return q.operation() != null ? "operation"
                : q.type() != null ? "msg_type"
                : q.connectionId() != null ? "connection_id"
                : q.direction() != null ? "direction"
                : null;
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
