package dev.kosmirecorder.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.tools.Server;

/**
 * An H2 store file shared by every kosmi-recorder process that opens it, with no set-up (SPEC §9). H2's embedded
 * mode lets one process lock the file; so the first process to open it (the owner) also serves it over H2's TCP
 * server, bound to 127.0.0.1 only and answering only clients that know a random key, and writes that port and key
 * to {@code STORE.server} beside the store, readable by the store's owner only ({@code 0600}, as the store
 * itself). Another process finds the file locked, reads the key, and connects to
 * {@code jdbc:h2:tcp://127.0.0.1:PORT/KEY}. When the owner exits, the next connection any other process makes
 * finds nothing listening and takes its place ({@link #reconnect()}).
 *
 * <p>Why not H2's own {@code AUTO_SERVER}: it listens on every network interface, and lets anyone who can reach
 * the port and read the (world-readable) lock file open the database with its empty password.
 */
final class SharedH2File {
    static final String SERVER_FILE_SUFFIX = ".server";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One server per store file per JVM, shared by every store this JVM opens on it. */
    private static final Map<Path, Owner> OWNED = new ConcurrentHashMap<>();

    private SharedH2File() {
    }

    /**
     * Makes H2 bind its servers to 127.0.0.1, unless the user set {@code h2.bindAddress}. H2 reads the property once,
     * when it first loads, so the store calls this before it touches H2; {@link #serve} checks that it took.
     */
    static void bindLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** What {@code STORE.server} holds: where the owner serves the store, the key it asks for, and who it is. */
    record Advert(int port, String key, long pid) {
        String url() {
            return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + key + ";IFEXISTS=TRUE";
        }

        static Optional<Advert> read(Path file) {
            try {
                Properties p = new Properties();
                p.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
                return Optional.of(new Advert(Integer.parseInt(p.getProperty("port")), p.getProperty("key"),
                        Long.parseLong(p.getProperty("pid"))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** The TCP server of a store file this JVM owns, counted by the stores that use it. */
    static final class Owner {
        final Path base;
        final Server server;
        final Advert advert;
        int users;

        Owner(Path base, Server server, Advert advert) {
            this.base = base;
            this.server = server;
            this.advert = advert;
        }
    }

    static Path serverFile(Path storeFile) {
        String name = storeFile.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
        return storeFile.resolveSibling(base + SERVER_FILE_SUFFIX);
    }

    /**
     * Starts serving the store this JVM has just opened embedded (or counts one more user of the server already
     * running); returns the server's key, to be masked in messages.
     */
    static synchronized Owner serve(Path storeFile, String embeddedUrlBase) {
        Owner existing = OWNED.get(storeFile);
        if (existing != null) {
            existing.users++;
            return existing;
        }
        if (org.h2.engine.SysProperties.BIND_ADDRESS == null) {
            // H2 loaded before bindLoopback() and would listen on every interface: this process keeps the store to itself.
            return null;
        }
        String key = randomKey();
        Server server = null;
        try {
            server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists", "-key", key, embeddedUrlBase).start();
            Advert advert = new Advert(server.getPort(), key, ProcessHandle.current().pid());
            writeOwnerOnly(serverFile(storeFile), "# kosmi-recorder: this store is served to other processes on loopback\n"
                    + "port=" + advert.port() + "\nkey=" + key + "\npid=" + advert.pid() + "\n");
            Owner owner = new Owner(storeFile, server, advert);
            owner.users = 1;
            OWNED.put(storeFile, owner);
            return owner;
        } catch (SQLException | IOException | RuntimeException e) {
            // Sharing is a convenience (and needs an owner-only file, which a non-POSIX file system cannot make):
            // without it this process still has the store, as before, and others are refused naming it.
            if (server != null) {
                server.stop();
            }
            return null;
        }
    }

    /** One user fewer; the last one stops the server and removes the advert, if it is still this process's. */
    static synchronized void release(Owner owner) {
        if (owner == null || --owner.users > 0) {
            return;
        }
        OWNED.remove(owner.base);
        owner.server.stop();
        Path file = serverFile(owner.base);
        Advert.read(file).filter(a -> a.pid() == owner.advert.pid() && a.key().equals(owner.advert.key())).ifPresent(a -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A stale advert is harmless: the next opener finds nothing listening and overwrites it.
            }
        });
    }

    /** A connection to the owner that {@code STORE.server} names, or the reason there is none. */
    static Connection connect(Path storeFile, List<String> secrets) throws SQLException {
        Path file = serverFile(storeFile);
        Optional<Advert> advert = Advert.read(file);
        if (advert.isEmpty()) {
            // 90020 is H2's "database already open", so the refusal reads as for any locked store.
            throw new SQLException("the store " + storeFile + " is locked by another process that does not share it"
                    + (Files.exists(file) ? " (cannot read " + file + ")" : ""), "90020", 90020);
        }
        secrets.add(advert.get().key());
        try {
            return DriverManager.getConnection(advert.get().url(), "", "");
        } catch (SQLException e) {
            SQLException masked = new SQLException("the kosmi-recorder process " + advert.get().pid() + " that has the store "
                    + storeFile + " open does not answer on 127.0.0.1:" + advert.get().port() + ": "
                    + JdbcUrls.mask(e.getMessage(), List.of(advert.get().key())), e.getSQLState(), e.getErrorCode());
            masked.setStackTrace(e.getStackTrace());
            throw masked;
        }
    }

    /** The pid in the store's advert, for a refusal that names the process. */
    static Optional<Long> ownerPid(Path storeFile) {
        return Advert.read(serverFile(storeFile)).map(Advert::pid);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "k" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    }

    /** Whether a failure means the process that served the store went away (so another may take its place). */
    static boolean ownerGone(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 90067 || String.valueOf(s.getSQLState()).startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

}
