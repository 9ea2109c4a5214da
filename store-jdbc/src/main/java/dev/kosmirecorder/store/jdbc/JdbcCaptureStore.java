package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.core.store.NoSuchSessionException;
import dev.kosmirecorder.core.store.SessionSummary;
import dev.kosmirecorder.core.store.StoreException;
import dev.kosmirecorder.core.store.TimelineBucket;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.format.JsonInput;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.GraphQlMessage;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The capture store over plain JDBC, with the schema kept by Flyway migrations ({@link Migrations}). One SQL for
 * H2 (file, memory or {@code tcp://} server) and PostgreSQL (SPEC §9); what differs is in {@link StoreVendor}.
 */
public final class JdbcCaptureStore implements CaptureStore {
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<List<List<String>>> HEADER_LIST = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final String FRAME_COLUMNS =
            "connection_id, seq, direction, opcode, time_us, payload_text, payload_bin, payload_lob, msg_type, msg_id, operation";

    static {
        SharedH2File.bindLoopback();
    }

    private final ConnectionPool pool;
    private final StoreLocation where;
    private final String location;
    private final boolean readOnly;

    private JdbcCaptureStore(ConnectionPool pool, StoreLocation where, boolean readOnly) {
        this.pool = pool;
        this.where = where;
        this.location = where.display();
        this.readOnly = readOnly;
    }

    /**
     * Opens (creating and migrating as needed) the store that {@code --db} names, to write to it, with the password
     * in {@value StoreLocation#PASSWORD_ENV} when the URL carries none.
     */
    public static JdbcCaptureStore open(String db) {
        return open(StoreLocation.parse(db).withPassword(System.getenv(StoreLocation.PASSWORD_ENV)));
    }

    public static JdbcCaptureStore open(StoreLocation location) {
        boolean created = location.prepareFile();
        location.checkUsable(created, true);
        boolean existing = location.file().isPresent() && !created;
        return connect(location, existing ? ";IFEXISTS=TRUE" : "", false, existing);
    }

    /**
     * A new H2 store at {@code jdbcUrl} that only this process uses and nobody keeps: serve's audit when no
     * {@code --db} is given. Its schema comes straight from the migration scripts ({@link Migrations#createFresh}),
     * without Flyway: Flyway's own set-up was about half of serve's start-up (a JFR profile), and nothing will ever
     * migrate a file that is deleted when its run ends.
     */
    public static JdbcCaptureStore createScratch(String jdbcUrl) {
        StoreLocation location = new StoreLocation(jdbcUrl, Optional.empty());
        return start(location, location, false, dataSource -> Migrations.createFresh(dataSource, location));
    }

    /**
     * Opens a store that must already exist, to read it: a missing file is an error naming where it was looked for
     * (a read command never creates a store), and a file the user made read-only is opened read-only, unmigrated.
     */
    public static JdbcCaptureStore openExisting(String db) {
        StoreLocation location = StoreLocation.parse(db).withPassword(System.getenv(StoreLocation.PASSWORD_ENV));
        if (location.file().isEmpty()) {
            return open(location);
        }
        location.checkUsable(false, false);
        location.tightenPermissions();
        boolean readOnly = location.isReadOnly();
        // IFEXISTS: even a file deleted between the check and the open is not created anew.
        return connect(location, ";IFEXISTS=TRUE" + (readOnly ? ";ACCESS_MODE_DATA=r" : ""), readOnly, true);
    }

    /**
     * {@code options} are H2 settings for this open only; {@code existing}: the file was there before this run, so
     * it must already hold a kosmi-recorder store.
     */
    private static JdbcCaptureStore connect(StoreLocation location, String options, boolean readOnly, boolean existing) {
        if (existing && location.file().isPresent()) {
            checkHoldsOurSchema(location);
        }
        return start(location, location.withUrlOptions(options), readOnly,
                readOnly ? dataSource -> { } : dataSource -> Migrations.migrate(dataSource, location.vendor(), location));
    }

    /** Opens the pool at {@code opened}, brings its schema about with {@code schema}, and closes it again if that fails. */
    private static JdbcCaptureStore start(StoreLocation location, StoreLocation opened, boolean readOnly, Consumer<DataSource> schema) {
        ConnectionPool pool;
        try {
            pool = ConnectionPool.open(opened);
        } catch (SQLException e) {
            throw openFailure(location, e);
        }
        try {
            schema.accept(pool.dataSource());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new JdbcCaptureStore(pool, location, readOnly);
    }

    /**
     * A file that existed before this run must already be a kosmi-recorder store. It is looked at read-only first, so
     * a truncated file (which H2 would otherwise start afresh in, reading as empty) is reported and left as it is. A
     * file another process holds open is that process's to check: this one then reaches it through that process.
     */
    private static void checkHoldsOurSchema(StoreLocation location) {
        try (Connection c = java.sql.DriverManager.getConnection(location.jdbcUrl() + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "",
                location.password().orElse(""));
             ResultSet rs = c.getMetaData().getTables(null, null, "capture_session", null);
             ResultSet upper = c.getMetaData().getTables(null, null, "CAPTURE_SESSION", null)) {
            if (!rs.next() && !upper.next()) {
                throw damaged(location, null);
            }
        } catch (SQLException e) {
            if (SharedFileSource.locked(e)) {
                return;
            }
            // A sound store, even one left by kill -9, opens read-only; one that H2 would have to rewrite to open is not.
            if (e.getErrorCode() == StoreErrors.DATABASE_IS_READ_ONLY || String.valueOf(e.getMessage()).contains("read only")) {
                throw damaged(location, e);
            }
            throw openFailure(location, e);
        }
    }

    private static StoreException damaged(StoreLocation location, SQLException cause) {
        return new StoreException("the store " + location.display() + " is damaged (truncated, corrupt, or another program's "
                + "database): it holds no kosmi-recorder data, so it is neither read as empty nor written to; restore it "
                + "from a backup, or pass another --db", RedactedException.of(cause, location.secrets()));
    }

    /** Whether this store was opened read-only, because its file is not writable: every write is refused. */
    public boolean readOnly() {
        return readOnly;
    }

    /** The database this store runs on. */
    public StoreVendor vendor() {
        return where.vendor();
    }

    private static StoreException openFailure(StoreLocation location, SQLException e) {
        if (SharedFileSource.locked(e)) {
            String pid = location.file().flatMap(SharedH2File::ownerPid).map(p -> " (pid " + p + ")").orElse("");
            return new StoreException("the store " + location.display() + " is open in another process" + pid + " that does not "
                    + "share it; stop that process, use another --db, or share one store through an H2 server "
                    + "(--db jdbc:h2:tcp://HOST/PATH) or PostgreSQL", RedactedException.of(e, location.secrets()));
        }
        return StoreErrors.opening(location.display(), e, location.secrets());
    }

    @Override
    public String location() {
        return location;
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public Session createSession(Session session) {
        Session stored = session.withId(newId());
        inTransaction(c -> insertSession(c, stored));
        return stored;
    }

    private static void insertSession(Connection c, Session s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO capture_session (id, kind, name, target, status, started_at, "
                + "ended_at, heartbeat_at, frames_lost, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.id());
            ps.setString(2, s.kind().wireName());
            ps.setString(3, ColumnFit.text(s.name()));
            ps.setString(4, ColumnFit.text(s.target()));
            ps.setString(5, s.status().wireName());
            ps.setObject(6, offset(s.startedAt()));
            ps.setObject(7, offset(s.endedAt()));
            ps.setObject(8, offset(s.status() == SessionStatus.RECORDING ? Instant.now() : null));
            ps.setLong(9, s.framesLost());
            ps.setString(10, attributesJson(s.attributes()));
            ps.executeUpdate();
        }
    }

    @Override
    public void updateSession(Session s) {
        int rows = update("UPDATE capture_session SET name = ?, target = ?, status = ?, ended_at = ?, frames_lost = ?, attributes = ? WHERE id = ?",
                ps -> {
                    ps.setString(1, ColumnFit.text(s.name()));
                    ps.setString(2, ColumnFit.text(s.target()));
                    ps.setString(3, s.status().wireName());
                    ps.setObject(4, offset(s.endedAt()));
                    ps.setLong(5, s.framesLost());
                    ps.setString(6, attributesJson(s.attributes()));
                    ps.setString(7, s.id());
                });
        if (rows == 0) {
            throw new NoSuchSessionException(s.id());
        }
    }

    @Override
    public void heartbeat(String sessionId, Instant now) {
        update("UPDATE capture_session SET heartbeat_at = ? WHERE id = ?", ps -> {
            ps.setObject(1, offset(now));
            ps.setString(2, sessionId);
        });
    }

    @Override
    public int markAbandonedRecordings(Duration staleAfter, Instant now) {
        Instant limit = now.minus(staleAfter);
        return update("UPDATE capture_session SET status = ?, ended_at = COALESCE(heartbeat_at, started_at) "
                + "WHERE status = ? AND (heartbeat_at IS NULL OR heartbeat_at < ?)", ps -> {
            ps.setString(1, SessionStatus.INTERRUPTED.wireName());
            ps.setString(2, SessionStatus.RECORDING.wireName());
            ps.setObject(3, offset(limit));
        });
    }

    @Override
    public Optional<Session> session(String id) {
        return summary(id).map(SessionSummary::session);
    }

    @Override
    public List<SessionSummary> sessions() {
        return query(SUMMARY_SQL + " ORDER BY s.started_at DESC, s.id", ps -> { }, JdbcCaptureStore::readSummary);
    }

    @Override
    public Optional<SessionSummary> summary(String id) {
        return query(SUMMARY_SQL + " WHERE s.id = ?", ps -> ps.setString(1, id), JdbcCaptureStore::readSummary).stream().findFirst();
    }

    private static final String SUMMARY_SQL = "SELECT s.id, s.kind, s.name, s.target, s.status, s.started_at, s.ended_at, s.frames_lost, "
            + "s.attributes, s.frame_count, s.sent_count, s.payload_bytes, "
            + "(SELECT COUNT(*) FROM http_exchange e WHERE e.session_id = s.id), "
            + "(SELECT COUNT(*) FROM ws_connection c WHERE c.session_id = s.id) FROM capture_session s";

    private static SessionSummary readSummary(ResultSet rs) throws SQLException {
        Session session = new Session(rs.getString(1), SessionKind.fromWireName(rs.getString(2)), rs.getString(3), rs.getString(4),
                SessionStatus.fromWireName(rs.getString(5)), instant(rs, 6), instant(rs, 7), rs.getLong(8),
                readJson(rs.getString(9), STRING_MAP));
        return new SessionSummary(session, rs.getInt(13), rs.getInt(14), rs.getLong(10), rs.getLong(11), rs.getLong(12));
    }

    // ---------------------------------------------------------------- exchanges and connections

    @Override
    public void putExchange(String sessionId, HttpExchange e) {
        inTransaction(c -> insertExchange(c, sessionId, e, true));
    }

    private static void insertExchange(Connection c, String sessionId, HttpExchange e, boolean replace) throws SQLException {
        if (replace) {
            deleteRow(c, "http_exchange", sessionId, e.id());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO http_exchange (session_id, id, request_id, method, url, request_headers, "
                + "request_body, status, response_headers, response_body, start_us, end_us, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, sessionId);
            ps.setInt(2, e.id());
            ps.setString(3, ColumnFit.text(e.requestId()));
            ps.setString(4, ColumnFit.text(e.method()));
            ps.setString(5, ColumnFit.text(e.url()));
            ps.setString(6, headersJson(e.requestHeaders()));
            ps.setBytes(7, e.requestBody().bytes());
            ps.setInt(8, e.status());
            ps.setString(9, headersJson(e.responseHeaders()));
            ps.setBytes(10, e.responseBody().bytes());
            ps.setLong(11, e.startMicros());
            setLong(ps, 12, e.endMicros());
            ps.setString(13, ColumnFit.text(e.error()));
            ps.executeUpdate();
        }
    }

    @Override
    public void putConnection(String sessionId, WsConnection conn) {
        inTransaction(c -> insertConnection(c, sessionId, conn, true));
    }

    private static void insertConnection(Connection c, String sessionId, WsConnection w, boolean replace) throws SQLException {
        if (replace) {
            deleteRow(c, "ws_connection", sessionId, w.id());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ws_connection (session_id, id, request_id, url, request_headers, status, "
                + "status_text, response_headers, subprotocol, response_body, opened_us, closed_us, close_code, close_reason, rejected, error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, sessionId);
            ps.setInt(2, w.id());
            ps.setString(3, ColumnFit.text(w.requestId()));
            ps.setString(4, ColumnFit.text(w.url()));
            ps.setString(5, headersJson(w.requestHeaders()));
            ps.setInt(6, w.status());
            ps.setString(7, ColumnFit.text(w.statusText()));
            ps.setString(8, headersJson(w.responseHeaders()));
            ps.setString(9, ColumnFit.text(w.subprotocol()));
            ps.setBytes(10, w.responseBody().bytes());
            ps.setLong(11, w.openedMicros());
            setLong(ps, 12, w.closedMicros());
            if (w.closeCode() == null) {
                ps.setNull(13, Types.INTEGER);
            } else {
                ps.setInt(13, w.closeCode());
            }
            ps.setString(14, ColumnFit.text(w.closeReason()));
            ps.setBoolean(15, w.rejected());
            ps.setString(16, ColumnFit.text(w.error()));
            ps.executeUpdate();
        }
    }

    private static void deleteRow(Connection c, String table, String sessionId, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ? AND id = ?")) {
            ps.setString(1, sessionId);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    @Override
    public List<HttpExchange> exchanges(String sessionId) {
        return query("SELECT id, request_id, method, url, request_headers, request_body, status, response_headers, response_body, "
                + "start_us, end_us, error FROM http_exchange WHERE session_id = ? ORDER BY id", ps -> ps.setString(1, sessionId), rs ->
                HttpExchange.builder().id(rs.getInt(1)).requestId(rs.getString(2)).method(rs.getString(3)).url(rs.getString(4))
                        .requestHeaders(readHeaders(rs.getString(5))).requestBody(payload(rs.getBytes(6))).status(rs.getInt(7))
                        .responseHeaders(readHeaders(rs.getString(8))).responseBody(payload(rs.getBytes(9))).startMicros(rs.getLong(10))
                        .endMicros(getLong(rs, 11)).error(rs.getString(12)).build());
    }

    @Override
    public List<WsConnection> connections(String sessionId) {
        return query("SELECT id, request_id, url, request_headers, status, status_text, response_headers, subprotocol, response_body, "
                + "opened_us, closed_us, close_code, close_reason, rejected, error FROM ws_connection WHERE session_id = ? ORDER BY id",
                ps -> ps.setString(1, sessionId), rs -> {
                    Long closeCode = getLong(rs, 12);
                    return WsConnection.builder().id(rs.getInt(1)).requestId(rs.getString(2)).url(rs.getString(3))
                            .requestHeaders(readHeaders(rs.getString(4))).status(rs.getInt(5)).statusText(rs.getString(6))
                            .responseHeaders(readHeaders(rs.getString(7))).subprotocol(rs.getString(8)).responseBody(payload(rs.getBytes(9)))
                            .openedMicros(rs.getLong(10)).closedMicros(getLong(rs, 11))
                            .closeCode(closeCode == null ? null : closeCode.intValue()).closeReason(rs.getString(13))
                            .rejected(rs.getBoolean(14)).error(rs.getString(15)).build();
                });
    }

    // ---------------------------------------------------------------- frames

    @Override
    public void appendFrames(String sessionId, List<Frame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        inTransaction(c -> insertFrames(c, sessionId, frames, null));
    }

    /**
     * The writer's batch in one transaction: over a network (PostgreSQL) that is the frames as one batched INSERT
     * (rewritten into multi-row statements by the driver), one UPDATE of the counts and the heartbeat, and the
     * commit, whatever the batch size.
     */
    @Override
    public void writeBatch(String sessionId, List<WsConnection> connections, List<HttpExchange> exchanges, List<Frame> frames,
            Instant heartbeat) {
        if (connections.isEmpty() && exchanges.isEmpty() && frames.isEmpty() && heartbeat == null) {
            return;
        }
        inTransaction(c -> {
            for (WsConnection w : connections) {
                insertConnection(c, sessionId, w, true);
            }
            for (HttpExchange e : exchanges) {
                insertExchange(c, sessionId, e, true);
            }
            if (!frames.isEmpty()) {
                insertFrames(c, sessionId, frames, heartbeat);
            } else if (heartbeat != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE capture_session SET heartbeat_at = ? WHERE id = ?")) {
                    ps.setObject(1, offset(heartbeat));
                    ps.setString(2, sessionId);
                    ps.executeUpdate();
                }
            }
        });
    }

    private static void insertFrames(Connection c, String sessionId, List<Frame> frames, Instant heartbeat) throws SQLException {
        long sent = 0;
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement(FrameRows.INSERT)) {
            for (Frame f : frames) {
                FrameRows.bind(ps, sessionId, f);
                ps.addBatch();
                if (f.direction() == Direction.SENT) {
                    sent++;
                }
                bytes += f.payload().size();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE capture_session SET frame_count = frame_count + ?, sent_count = sent_count + ?, "
                + "payload_bytes = payload_bytes + ?, heartbeat_at = COALESCE(?, heartbeat_at) WHERE id = ?")) {
            ps.setLong(1, frames.size());
            ps.setLong(2, sent);
            ps.setLong(3, bytes);
            if (heartbeat == null) {
                ps.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(4, offset(heartbeat));
            }
            ps.setString(5, sessionId);
            if (ps.executeUpdate() == 0) {
                throw new NoSuchSessionException(sessionId);
            }
        }
    }

    @Override
    public FramePage frames(FrameQuery q) {
        return frames(q, new ArrayList<>());
    }

    /** A page, noting in {@code ran} each statement it took. */
    private FramePage frames(FrameQuery q, List<FrameSql> ran) {
        List<Frame> frames;
        if (FrameSql.walksSecondaryIndex(q)) {
            FrameSql sql = FrameSql.page(q);
            ran.add(sql);
            frames = query(sql.text(), sql::bind, JdbcCaptureStore::readFrame);
        } else {
            frames = primaryKeyPage(q, ran);
        }
        boolean more = frames.size() > q.limit();
        List<Frame> page = more ? frames.subList(0, q.limit()) : frames;
        return new FramePage(page, more ? page.get(page.size() - 1).seq() : -1);
    }

    /**
     * A page along the primary key in seq windows (see {@link FrameSql}): each window reads only the rows in it,
     * the first is a few pages wide (seqs are dense in practice, so it is normally the only one), and each next
     * one is four times wider, so a sparse text match costs the rows read, never a sort of the rest of the session.
     */
    private List<Frame> primaryKeyPage(FrameQuery q, List<FrameSql> ran) {
        FrameSql last = FrameSql.lastSeq(q.sessionId());
        ran.add(last);
        List<Long> lastSeq = query(last.text(), last::bind, rs -> rs.getLong(1));
        if (lastSeq.isEmpty()) {
            return List.of();
        }
        long end = lastSeq.get(0);
        List<Frame> frames = new ArrayList<>();
        long from = q.afterSeq();
        long window = 4L * (q.limit() + 1);
        while (frames.size() <= q.limit() && from < end) {
            long upTo = end - from <= window ? end : from + window;
            FrameSql sql = FrameSql.window(q.after(from), upTo);
            ran.add(sql);
            frames.addAll(query(sql.text(), sql::bind, JdbcCaptureStore::readFrame));
            from = upTo;
            window = Math.min(window * 4, 1L << 40);
        }
        return frames.size() > q.limit() + 1 ? frames.subList(0, q.limit() + 1) : frames;
    }

    /** The plan of a frame page's main query, as the database explains it, so a test can assert it walks an index. */
    public String explainFrames(FrameQuery q) {
        FrameSql sql = FrameSql.walksSecondaryIndex(q) ? FrameSql.page(q)
                : FrameSql.window(q, q.afterSeq() + 4L * (q.limit() + 1));
        return String.join("\n", query(QueryPlans.explain(vendor(), sql.text()), sql::bind, rs -> rs.getString(1)));
    }

    /**
     * How many rows the database reads for one frame page ({@link QueryPlans#rowsRead}), summed over the
     * statements the page takes, so a test can assert that a page costs the same at any depth.
     */
    public long rowsReadForPage(FrameQuery q) {
        List<FrameSql> ran = new ArrayList<>();
        frames(q, ran);
        long rows = 0;
        for (FrameSql sql : ran) {
            rows += QueryPlans.rowsRead(vendor(), query(QueryPlans.analyze(vendor(), sql.text()), sql::bind, rs -> rs.getString(1)));
        }
        return rows;
    }

    @Override
    public Optional<Frame> frame(String sessionId, long seq) {
        return query("SELECT " + FRAME_COLUMNS + " FROM frame WHERE session_id = ? AND seq = ?", ps -> {
            ps.setString(1, sessionId);
            ps.setLong(2, seq);
        }, JdbcCaptureStore::readFrame).stream().findFirst();
    }

    private static Frame readFrame(ResultSet rs) throws SQLException {
        Opcode opcode = Opcode.fromCode(rs.getInt(4));
        String text = rs.getString(6);
        byte[] bin = rs.getBytes(7);
        byte[] lob = rs.getBytes(8);
        Payload payload = text != null ? Payload.ofText(text) : payload(bin != null ? bin : lob);
        return new Frame(rs.getInt(1), rs.getLong(2), Direction.fromWireName(rs.getString(3)), opcode, payload, rs.getLong(5),
                new GraphQlMessage(rs.getString(9), rs.getString(10), rs.getString(11)));
    }

    @Override
    public List<TimelineBucket> timeline(String sessionId, long bucketMicros) {
        if (bucketMicros <= 0) {
            throw new IllegalArgumentException("bucketMicros must be positive: " + bucketMicros);
        }
        // The bucket is computed once in a derived table, so GROUP BY names a column rather than a parameterised expression.
        return query("SELECT bucket, SUM(CASE WHEN direction = 'sent' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN direction = 'received' THEN 1 ELSE 0 END) "
                + "FROM (SELECT FLOOR(time_us / ?) AS bucket, direction FROM frame WHERE session_id = ?) b "
                + "GROUP BY bucket ORDER BY bucket", ps -> {
            ps.setLong(1, bucketMicros);
            ps.setString(2, sessionId);
        }, rs -> new TimelineBucket(rs.getLong(1) * bucketMicros, rs.getLong(2), rs.getLong(3)));
    }

    // ---------------------------------------------------------------- whole captures

    @Override
    public Capture load(String sessionId) {
        Session session = session(sessionId).orElseThrow(() -> new NoSuchSessionException(sessionId));
        List<Frame> frames = query("SELECT " + FRAME_COLUMNS + " FROM frame WHERE session_id = ? ORDER BY seq",
                ps -> ps.setString(1, sessionId), JdbcCaptureStore::readFrame);
        return new Capture(session, exchanges(sessionId), connections(sessionId), frames);
    }

    @Override
    public String save(Capture capture) {
        Session session = capture.session().withId(newId());
        inTransaction(c -> {
            insertSession(c, session);
            for (HttpExchange e : capture.exchanges()) {
                insertExchange(c, session.id(), e, false);
            }
            for (WsConnection w : capture.connections()) {
                insertConnection(c, session.id(), w, false);
            }
            List<Frame> frames = capture.frames();
            for (int from = 0; from < frames.size(); from += 1000) {
                insertFrames(c, session.id(), frames.subList(from, Math.min(frames.size(), from + 1000)), null);
            }
        });
        return session.id();
    }

    @Override
    public boolean delete(String sessionId) {
        int[] rows = new int[1];
        inTransaction(c -> {
            // Children first, explicitly, so a database without ON DELETE CASCADE support behaves the same.
            for (String table : List.of("frame", "ws_connection", "http_exchange")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ?")) {
                    ps.setString(1, sessionId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM capture_session WHERE id = ?")) {
                ps.setString(1, sessionId);
                rows[0] = ps.executeUpdate();
            }
        });
        return rows[0] > 0;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "JdbcCaptureStore{" + location + "}";
    }

    // ---------------------------------------------------------------- JDBC plumbing

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try {
            return queryOnce(sql, binder, mapper);
        } catch (StoreException e) {
            if (e.getCause() instanceof Recoverable r) {
                recover(r);
                return queryOnce(sql, binder, mapper);
            }
            throw e;
        }
    }

    /** Thrown inside {@link #queryOnce}/{@link #transactionOnce} when the store's server went away mid-statement. */
    private static final class Recoverable extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SQLException failure;

        Recoverable(SQLException failure) {
            super("the process serving the store went away", null, false, false);
            this.failure = failure;
        }
    }

    private void recover(Recoverable r) {
        try {
            pool.recover();
        } catch (SQLException e) {
            throw failure("reaching", e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        List<String> secrets = new ArrayList<>(where.secrets());
        secrets.addAll(pool.secrets());
        return StoreErrors.failed(what, location, e, secrets);
    }

    private <T> List<T> queryOnce(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = pool.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            if (pool.recoverable(e)) {
                throw new StoreException("recoverable", new Recoverable(e));
            }
            throw failure("reading from", e);
        }
    }

    private int update(String sql, Binder binder) {
        int[] rows = new int[1];
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                rows[0] = ps.executeUpdate();
            }
        });
        return rows[0];
    }

    private void inTransaction(Work work) {
        if (readOnly) {
            throw StoreErrors.readOnly(location);
        }
        try {
            transactionOnce(work);
        } catch (StoreException e) {
            if (e.getCause() instanceof Recoverable r) {
                // Nothing was committed: the connection broke before the commit answered (H2 TCP has no in-doubt state
                // we could see), so the whole transaction runs again on the new connection.
                recover(r);
                transactionOnce(work);
                return;
            }
            throw e;
        }
    }

    private void transactionOnce(Work work) {
        try (Connection c = pool.connection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (pool.recoverable(e)) {
                throw new StoreException("recoverable", new Recoverable(e));
            }
            throw failure("writing to", e);
        }
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * A stored time, brought into the years 1970 to 9999 that imports now enforce: a store written before that check
     * may hold a time such as year -999999999, and every list, show, export and page must still render it.
     */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t == null) {
            return null;
        }
        Instant i = t.toInstant();
        return i.isBefore(JsonInput.EARLIEST) ? JsonInput.EARLIEST : i.isAfter(JsonInput.LATEST) ? JsonInput.LATEST : i;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Payload payload(byte[] bytes) {
        return bytes == null ? Payload.EMPTY : Payload.of(bytes);
    }

    /** Headers as JSON pairs, cut to fit their column when a client sent more than it holds. */
    private static String headersJson(Headers headers) {
        String json = pairsJson(headers);
        for (int divisor = 2; json.length() > ColumnFit.MAX_CHARS && divisor < 100_000; divisor *= 6) {
            json = pairsJson(ColumnFit.headers(headers, divisor));
        }
        return json.length() <= ColumnFit.MAX_CHARS ? json
                : pairsJson(Headers.of("X-Kosmi-Recorder-Cut", headers.size() + " headers did not fit the store"));
    }

    private static String pairsJson(Headers headers) {
        List<List<String>> pairs = new ArrayList<>(headers.size());
        for (Header h : headers.list()) {
            pairs.add(List.of(h.name(), h.value()));
        }
        return Json.compact(Json.MAPPER.valueToTree(pairs));
    }

    private static String attributesJson(Map<String, String> attributes) {
        String json = Json.compact(Json.MAPPER.valueToTree(attributes));
        for (int divisor = 2; json.length() > ColumnFit.MAX_CHARS && divisor < 100_000; divisor *= 6) {
            json = Json.compact(Json.MAPPER.valueToTree(ColumnFit.attributes(attributes, divisor)));
        }
        return json.length() <= ColumnFit.MAX_CHARS ? json
                : Json.compact(Json.MAPPER.createObjectNode().put("kosmi-recorder.cut", attributes.size() + " attributes did not fit the store"));
    }

    private static Headers readHeaders(String json) {
        List<Header> headers = new ArrayList<>();
        for (List<String> pair : readJson(json, HEADER_LIST)) {
            headers.add(new Header(pair.get(0), pair.get(1)));
        }
        return new Headers(headers);
    }

    private static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new StoreException("the store holds a damaged JSON column: " + e.getMessage(), e);
        }
    }
}
