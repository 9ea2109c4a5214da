package dev.kosmirecorder.store.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary folder (as the {@code postgres} system
 * user when the tests run as root, as PostgreSQL refuses to run as root), SCRAM passwords, {@code pg_ctl start}
 * on a free port on 127.0.0.1 with its socket in that folder, then a fresh database per {@link #newDatabase()}.
 * {@link #close()} stops the server it started (by its pid) and deletes the folder. {@link #shared()} is one
 * cluster per JVM, closed when the JVM exits.
 *
 * <p>When PostgreSQL is not installed the calling test is skipped, except under CI ({@code CI=true}), where it
 * fails: {@code .ci/run} installs Debian's {@code postgresql}, so a missing one is a broken build machine.
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String USER = "kosmi";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster shared;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String password;
    private final boolean asPostgresUser;
    private long pid;

    /** A database of the cluster: its URL with and without the password (user {@value #USER}). */
    public record Database(String name, int port, String password) {
        /** {@code jdbc:postgresql://127.0.0.1:PORT/NAME?user=kosmi&password=…}. */
        public String url() {
            return urlWithoutPassword() + "&password=" + password;
        }

        /** The URL without a password, for tests of the other ways to give one. */
        public String urlWithoutPassword() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
        }
    }

    private PostgresCluster(Path bin) throws IOException {
        this.bin = bin;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        // Under /tmp, which the postgres user can reach (a root-only java.io.tmpdir would not do); short, for the socket path.
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "kosmi-pg-");
        this.data = dir.resolve("data");
        this.password = randomPassword();
        this.port = freePort();
    }

    /** One cluster for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            PostgresCluster cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "postgres-cluster-stop"));
            shared = cluster;
        }
        return shared;
    }

    /** A cluster of its own; the caller closes it. */
    public static PostgresCluster start() {
        Path bin = findBin();
        try {
            PostgresCluster cluster = new PostgresCluster(bin);
            try {
                cluster.initAndStart();
            } catch (RuntimeException | IOException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a throwaway PostgreSQL cluster", e);
        }
    }

    /** A new, empty database in this cluster. */
    public Database newDatabase() {
        String name = "kosmi_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(new Database("postgres", port, password).url());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " in the test cluster: " + e.getMessage(), e);
        }
        return new Database(name, port, password);
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The pid of the postmaster this cluster started. */
    public long pid() {
        return pid;
    }

    @Override
    public synchronized void close() {
        if (pid > 0) {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop"));
            } catch (RuntimeException e) {
                // Stopped below by its pid.
            }
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            });
            pid = 0;
        }
        deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "PostgresCluster{127.0.0.1:" + port + ", " + dir + "}";
    }

    // ---------------------------------------------------------------- starting

    private void initAndStart() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        if (asPostgresUser) {
            giveToPostgres(dir);
            giveToPostgres(pwfile);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
        // Durability is worthless for a throwaway cluster; fsync off makes the million-frame fill quick.
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start"));
        String pidLine = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
        pid = Long.parseLong(pidLine);
    }

    private static Path findBin() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("KOSMI_PG_BIN");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                // Falls through to "not installed".
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
                return candidate;
            }
        }
        String message = "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or $KOSMI_PG_BIN); "
                + "install Debian's postgresql package, as .ci/run does";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        throw skip(message);
    }

    /**
     * JUnit's "skipped" (opentest4j's TestAbortedException) when JUnit is there; named reflectively, because the
     * benchmarks use this class outside JUnit, where a plain exception ends the run instead.
     */
    private static RuntimeException skip(String message) {
        try {
            return (RuntimeException) Class.forName("org.opentest4j.TestAbortedException").getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new IllegalStateException(message);
        }
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile("kosmi-pg-cmd-", ".log");
            try {
                Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue()
                            + ": " + Files.readString(out) + serverLog());
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private String serverLog() {
        Path log = dir.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void giveToPostgres(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal postgres = users.lookupPrincipalByName("postgres");
        GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(postgres);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        // A race with another process taking the port before pg_ctl does is possible but rare; start() then fails loudly.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder("pg-");
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left for the OS's temp cleaner; never fail a test run on cleanup.
                }
            });
        } catch (IOException e) {
            // Same.
        }
    }
}
