package dev.kosmirecorder.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The store's connections: H2's own small pool for H2 (embedded, memory or TCP), HikariCP for a database across
 * the network (PostgreSQL), where a new connection costs a TCP and SCRAM handshake.
 */
final class ConnectionPool implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 16;

    private final DataSource dataSource;
    private final AutoCloseable closer;
    private final SharedFileSource sharedFile;

    private ConnectionPool(DataSource dataSource, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.closer = closer;
        this.sharedFile = dataSource instanceof SharedFileSource s ? s : null;
    }

    /** Opens the pool and checks that one connection works; throws the driver's exception when none can be made. */
    static ConnectionPool open(StoreLocation location) throws SQLException {
        if (location.file().isPresent()) {
            SharedFileSource shared = new SharedFileSource(location, MAX_CONNECTIONS);
            shared.open();
            return new ConnectionPool(shared, shared);
        }
        ConnectionPool pool = location.vendor() == StoreVendor.POSTGRESQL ? hikari(location) : h2(location);
        try (Connection probe = pool.connection()) {
            probe.isValid(1);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    private static ConnectionPool h2(StoreLocation location) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(location.jdbcUrl(), h2Setting(location.jdbcUrl(), "USER").orElse(""),
                h2Setting(location.jdbcUrl(), "PASSWORD").or(location::password).orElse(""));
        pool.setMaxConnections(MAX_CONNECTIONS);
        return new ConnectionPool(pool, pool::dispose);
    }

    /**
     * A {@code ;KEY=VALUE} setting of an H2 URL: H2 refuses a user or password given both in the URL and apart
     * ("Duplicate property") unless the two are equal, so the pool is given the URL's own.
     */
    static java.util.Optional<String> h2Setting(String url, String key) {
        for (String part : url.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(key)) {
                return java.util.Optional.of(part.substring(eq + 1));
            }
        }
        return java.util.Optional.empty();
    }

    private static ConnectionPool hikari(StoreLocation location) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        location.password().ifPresent(config::setPassword);
        config.setPoolName("kosmi-store");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // One INSERT with many rows per batch instead of one per frame: a batch costs a round trip or two, not 2,000.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "kosmi-recorder");
        try {
            // Connects once right away, so a wrong password or host fails now with the driver's own error.
            HikariDataSource ds = new HikariDataSource(config);
            return new ConnectionPool(ds, ds::close);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    Connection connection() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (RuntimeException e) {
            // HikariCP wraps the driver's failure to connect in its own unchecked exception.
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Whether a failed statement can be tried again after {@link #recover()}: the process that served a shared
     * H2 file went away mid-statement.
     */
    boolean recoverable(SQLException e) {
        return sharedFile != null && !sharedFile.owns() && SharedH2File.ownerGone(e);
    }

    /** Reconnects to a shared H2 file after its owner went away (taking its place if this process is first). */
    void recover() throws SQLException {
        sharedFile.takeOver();
    }

    /** Secrets of the connection itself (a shared file's key) to mask in messages. */
    java.util.List<String> secrets() {
        return sharedFile == null ? java.util.List.of() : sharedFile.secrets();
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            // Closing a pool only releases connections; nothing is lost if it fails.
        }
    }
}
