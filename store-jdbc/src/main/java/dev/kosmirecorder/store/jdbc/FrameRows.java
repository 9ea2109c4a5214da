package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Opcode;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a frame becomes a row of the {@code frame} table: the one INSERT and its binding, shared by the store's
 * batch path and the ingest benchmark's plain-JDBC baseline (so the baseline inserts exactly the same rows).
 */
public final class FrameRows {
    /** Text payloads up to this many characters (binary up to this many bytes) live in the row; larger ones in a LOB. */
    public static final int INLINE_LIMIT = 1024 * 1024;

    public static final String INSERT = "INSERT INTO frame (session_id, connection_id, seq, direction, opcode, time_us, payload_size, "
            + "payload_text, payload_bin, payload_lob, msg_type, msg_id, operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private FrameRows() {
    }

    /** Binds one frame to {@link #INSERT}'s parameters. */
    public static void bind(PreparedStatement ps, String sessionId, Frame f) throws SQLException {
        ps.setString(1, sessionId);
        ps.setInt(2, f.connectionId());
        ps.setLong(3, f.seq());
        ps.setString(4, f.direction().wireName());
        ps.setInt(5, f.opcode().code());
        ps.setLong(6, f.timeMicros());
        ps.setInt(7, f.payload().size());
        String text = f.opcode() == Opcode.TEXT ? f.payload().text() : null;
        boolean inline = text != null ? text.length() <= INLINE_LIMIT : f.payload().size() <= INLINE_LIMIT;
        ps.setString(8, inline && text != null ? text : null);
        ps.setBytes(9, inline && text == null ? f.payload().bytes() : null);
        ps.setBytes(10, inline ? null : f.payload().bytes());
        ps.setString(11, f.message().type());
        ps.setString(12, f.message().id());
        ps.setString(13, f.message().operationName());
    }
}
