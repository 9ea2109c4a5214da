package dev.kosmirecorder.core.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the keyset-paged frame query for a {@link FrameQuery}. Every filter is an equality on an indexed column
 * that leads with {@code session_id} and ends with {@code seq}, so the database walks one index range in seq
 * order and stops after one page; free text is a LIKE on the rows that range yields.
 */
record FrameSql(String text, List<Object> params) {

    static FrameSql page(FrameQuery q) {
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
        sql.append(" AND seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY");
        params.add(q.afterSeq());
        params.add(q.limit() + 1);
        return new FrameSql(sql.toString(), List.copyOf(params));
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
