package dev.kosmirecorder.recorder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Chromium this recorder launched: the real binary, the flags a headless server needs, a fresh profile (unless
 * the user keeps one with {@code --profile}) and a fresh {@code TMPDIR} in one temp folder, and DevTools on a
 * port the browser picks ({@code --remote-debugging-port=0}, read back from {@code DevToolsActivePort}).
 * {@link #close()} waits for the browser to exit, kills what is left of its process tree by pid, and deletes
 * the temp folder, so nothing stays behind.
 */
public final class Chromium implements AutoCloseable {
    /**
     * The flags a headless server needs; QUIC off so that every request goes over TCP and reports its headers. The
     * sandbox stays on ({@link #sandboxFlags}).
     */
    public static final List<String> FLAGS = List.of("--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");
    /** Debian's real binary: /usr/bin/chromium is a shell wrapper that dies when its output is closed. */
    public static final Path DEBIAN_BINARY = Path.of("/usr/lib/chromium/chromium");
    private static final List<String> PATH_NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    /**
     * A Unix socket path has at most 107 bytes; below the base come "/kosmi-record-XXXXXXXX" (22), "/tmp" (4) and
     * Chromium's "/org.chromium.Chromium.XXXXXX/SingletonSocket" (45).
     */
    private static final int MAX_TEMP_BASE_LENGTH = 32;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

    /** How to launch: which binary (else found), which profile (else a fresh one), headless or with a window. */
    public record Options(Optional<Path> binary, Optional<Path> profile, boolean headless) {
        public static Options headlessDefaults() {
            return new Options(Optional.empty(), Optional.empty(), true);
        }
    }

    private final Process process;
    private final Path home;
    private final URI endpoint;
    private final Path binary;

    private Chromium(Process process, Path home, URI endpoint, Path binary) {
        this.process = process;
        this.home = home;
        this.endpoint = endpoint;
        this.binary = binary;
    }

    /** Whether a display is there for a browser window; {@code --headless} is the default when not. */
    public static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac") || os.contains("win")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    /** The binary to run: {@code configured} if given, else Debian's real binary, else the first Chrome on the PATH. */
    public static Path locate(Optional<Path> configured) {
        if (configured.isPresent()) {
            Path p = configured.get();
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new RecorderException("--chrome " + p + " is not an executable file; give the path of a Chromium or Chrome binary");
            }
            return p;
        }
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return DEBIAN_BINARY;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                for (String name : PATH_NAMES) {
                    Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new RecorderException("no Chromium or Chrome found on the PATH or at " + DEBIAN_BINARY
                + "; install one (apt-get install chromium) or pass --chrome PATH");
    }

    public static Chromium launch(Options options) {
        Path binary = locate(options.binary());
        Path home;
        try {
            home = createHome(tempBase());
        } catch (IOException e) {
            throw new RecorderException("cannot create a temp folder for Chromium (" + e.getMessage() + "); check java.io.tmpdir", e);
        }
        Process process = null;
        try {
            Path profile = options.profile().isPresent() ? options.profile().get().toAbsolutePath() : home.resolve("profile");
            Files.createDirectories(profile);
            Path tmp = Files.createDirectories(home.resolve("tmp"));
            Path activePort = profile.resolve("DevToolsActivePort");
            // A kept profile may hold the port file of an earlier run; it must not be mistaken for this one's.
            Files.deleteIfExists(activePort);
            List<String> command = new ArrayList<>();
            setsid().ifPresent(s -> command.add(s.toString()));
            command.add(binary.toString());
            if (options.headless()) {
                command.add("--headless");
            }
            command.addAll(FLAGS);
            command.addAll(sandboxFlags(runningAsRoot()));
            command.add("--user-data-dir=" + profile);
            command.add("--remote-debugging-port=0");
            command.add("about:blank");
            Path log = home.resolve("chromium.log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("TMPDIR", tmp.toString());
            process = pb.start();
            URI endpoint = awaitDevTools(process, activePort, log, options);
            return new Chromium(process, home, endpoint, binary);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                killTree(process);
            }
            deleteRecursively(home);
            if (e instanceof RecorderException r) {
                throw r;
            }
            throw new RecorderException("cannot launch " + binary + " (" + e.getMessage() + "); check the binary with --chrome PATH", e);
        }
    }

    private static URI awaitDevTools(Process process, Path activePort, Path log, Options options) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (Files.exists(activePort)) {
                List<String> lines = Files.readAllLines(activePort);
                if (lines.size() >= 2 && !lines.get(0).isBlank()) {
                    return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
                }
            }
            if (!process.isAlive()) {
                String hint = options.profile().isPresent()
                        ? "; if " + options.profile().get() + " is open in another Chrome, close that Chrome or use --attach"
                        : "; run it by hand to see why: " + lastLine(log);
                throw new RecorderException("Chromium exited with code " + process.exitValue() + " before it opened DevTools" + hint);
            }
            if (System.nanoTime() > deadline) {
                throw new RecorderException("Chromium did not open DevTools within " + START_TIMEOUT.toSeconds()
                        + " s; check that it starts on this machine (" + lastLine(log) + ")");
            }
            try {
                // Polls the port file, at most 50 ms behind; wakes at once when the process exits.
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecorderException("interrupted while Chromium was starting");
            }
        }
    }

    /** The browser's DevTools WebSocket endpoint. */
    public URI devToolsEndpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** The temp folder with the fresh profile, TMPDIR and Chromium's log; deleted by {@link #close()}. */
    public Path home() {
        return home;
    }

    public Path binary() {
        return binary;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills what is left of the browser (by pid) and deletes the temp folder; see {@link #closeAfter}. */
    @Override
    public void close() {
        closeAfter(() -> { });
    }

    /**
     * Runs {@code gracefulShutdown} (for example the driver sending {@code Browser.close}), waits briefly for the
     * browser to exit, kills what is left of its process tree, and deletes the temp folder. The tree is noted
     * before the shutdown because helpers of an exited browser are re-parented and no longer its descendants.
     */
    public void closeAfter(Runnable gracefulShutdown) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            gracefulShutdown.run();
        } finally {
            try {
                process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tree.addAll(process.descendants().toList());
            killTree(process, tree);
            deleteRecursively(home);
        }
    }

    @Override
    public String toString() {
        return "Chromium{pid=" + process.pid() + ", " + endpoint + "}";
    }

    private static void killTree(Process process) {
        killTree(process, process.descendants().toList());
    }

    /** Kills the browser and the processes it started, by pid, and waits until they are gone. */
    private static void killTree(Process process, List<ProcessHandle> descendants) {
        List<ProcessHandle> tree = new ArrayList<>(descendants);
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // A process that does not die of SIGKILL within 5 s is beyond what we can do.
            }
        }
    }

    /**
     * Where the temp folder goes: {@code java.io.tmpdir}, unless that path is so long that Chromium's singleton
     * socket ({@code $TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket}) would pass the 107-byte limit of a
     * Unix socket path; Chromium aborts at start then ("Socket path too long"), so {@code /tmp} is used instead.
     */
    static Path tempBase() {
        Path configured = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path shortTmp = Path.of("/tmp");
        if (configured.toString().length() > MAX_TEMP_BASE_LENGTH && Files.isDirectory(shortTmp) && Files.isWritable(shortTmp)) {
            return shortTmp;
        }
        return configured;
    }

    /** A new owner-only folder with a short random name (the socket path limit again). */
    private static Path createHome(Path base) throws IOException {
        boolean posix = base.getFileSystem().supportedFileAttributeViews().contains("posix");
        while (true) {
            Path home = base.resolve(String.format("kosmi-record-%08x", RANDOM.nextInt()));
            try {
                return posix ? Files.createDirectory(home, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"))) : Files.createDirectory(home);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run took this name: draw again
            }
        }
    }

    /** {@code setsid} puts Chromium in its own session, so a Ctrl-C meant for the recorder does not kill it first. */
    private static Optional<Path> setsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** The line of Chromium's log that says why it stopped: its FATAL message, else the last line. */
    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (String line : lines) {
                int fatal = line.indexOf(":FATAL:");
                if (fatal >= 0) {
                    int text = line.indexOf("] ", fatal);
                    return text >= 0 ? line.substring(text + 2).strip() : line.strip();
                }
            }
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no log to quote
        }
        return "no output";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static void deleteRecursively(Path dir) {
        // Chromium's helpers may still be writing for a moment after exit; a second pass gets what they left.
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // retried below
            }
        }
    }

    /**
     * Chromium's sandbox isolates the pages the recorder opens (captured sites are other people's code). Chromium
     * refuses to start as root with it, so only then is it turned off: {@code --no-sandbox} for root (containers,
     * CI), the sandbox for everyone else.
     */
    static List<String> sandboxFlags(boolean root) {
        return root ? List.of("--no-sandbox") : List.of();
    }

    /** Whether this JVM runs as uid 0; where the uid cannot be read, the user's name decides. */
    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
