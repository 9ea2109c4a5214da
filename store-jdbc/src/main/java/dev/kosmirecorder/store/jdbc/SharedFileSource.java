package dev.kosmirecorder.store.jdbc;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Connections to an H2 store file that other processes may have open too ({@link SharedH2File}): embedded and
 * pooled while this process owns the file, else over loopback TCP to the process that does, taking the owner's
 * place when it goes away. Thread-safe.
 */
final class SharedFileSource implements DataSource, AutoCloseable {
    private static final long TAKE_OVER_NANOS = 15_000_000_000L;

    private final StoreLocation location;
    private final Path file;
    private final String embeddedBase;
    private final int maxConnections;
    /** The advertised keys seen so far, masked in every message like a password. */
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private JdbcConnectionPool embedded;
    private SharedH2File.Owner owner;
    private boolean closed;

    SharedFileSource(StoreLocation location, int maxConnections) {
        this.location = location;
        this.file = location.file().orElseThrow();
        String url = location.jdbcUrl();
        int semicolon = url.indexOf(';');
        this.embeddedBase = (semicolon < 0 ? url : url.substring(0, semicolon)).substring("jdbc:h2:".length());
        this.maxConnections = maxConnections;
    }

    /** Opens the file embedded, or connects to the process that has it; throws the driver's error when neither works. */
    synchronized void open() throws SQLException {
        if (!tryToOwn()) {
            SharedH2File.connect(file, secrets).close();
        }
    }

    /** Whether this process has the file open itself (and serves it to the others). */
    synchronized boolean owns() {
        return embedded != null;
    }

    List<String> secrets() {
        return secrets;
    }

    @Override
    public Connection getConnection() throws SQLException {
        JdbcConnectionPool pool;
        synchronized (this) {
            if (closed) {
                throw new SQLException("the store " + file + " was closed", "08003");
            }
            pool = embedded;
        }
        if (pool != null) {
            return pool.getConnection();
        }
        try {
            return SharedH2File.connect(file, secrets);
        } catch (SQLException e) {
            // The owner went away (its advert removed on a clean exit, or nothing listening after a crash).
            takeOver();
            return getConnection();
        }
    }

    /**
     * After the owner went away: this process opens the file itself, or connects to whichever process did first.
     * Several processes may try at once; the file lock decides, and the others wait for its advert.
     */
    synchronized void takeOver() throws SQLException {
        long deadline = System.nanoTime() + TAKE_OVER_NANOS;
        SQLException last = null;
        while (System.nanoTime() < deadline && !closed) {
            if (embedded != null || tryToOwn()) {
                return;
            }
            try {
                SharedH2File.connect(file, secrets).close();
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw last != null ? last : new SQLException("the store " + file + " is no longer served by any process", "08001");
    }

    private boolean tryToOwn() throws SQLException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(location.jdbcUrl(), "", location.password().orElse(""));
        pool.setMaxConnections(maxConnections);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            pool.dispose();
            if (locked(e)) {
                return false;
            }
            throw e;
        }
        embedded = pool;
        owner = SharedH2File.serve(file, embeddedBase);
        if (owner != null) {
            secrets.add(owner.advert.key());
        }
        return true;
    }

    /** H2's "the file is locked by another process". */
    static boolean locked(SQLException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains("already in use") || msg.contains("locked by another process") || e.getErrorCode() == 90020;
    }

    @Override
    public synchronized void close() {
        closed = true;
        // Served sessions keep the database open; stopping the server ends them, then the pool closes the rest.
        SharedH2File.release(owner);
        owner = null;
        if (embedded != null) {
            embedded.dispose();
            embedded = null;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's connections use the store's own credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // No driver logging: messages could carry the store's secrets.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Loopback connections answer at once or not at all.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
