package dev.kosmirecorder.bench;

import dev.kosmirecorder.store.jdbc.testing.PostgresCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark and writes {@code docs/BENCHMARKS.md}. {@code --smoke} uses tiny sizes and one run, for
 * CI (it proves the harness works; its numbers mean nothing); {@code --only capture,ingest} runs some of them and
 * prints their report, written to a file only with {@code --out FILE}. Progress goes to stderr.
 */
public final class BenchmarkMain {
    /** The sizes one run uses: full for the report, tiny for the smoke run in CI. */
    public record Sizes(int runs, int ingestFrames, int historyPages, int messagesPerPage, int replayFramesPerRun,
                        List<Integer> clientCounts, int auditedClients, int timedPushes, int timingCrowd, int browseFrames,
                        int captureBurst, List<Integer> serveClientCounts, int serveFramesPerRun) {
        // serve's figure sends 200,000 frames a run, a developer's test suite's load (SPEC: tens of clients, hundreds
        // of thousands of frames), which its audit must keep whole; the bare replay figures send 1,000,000.
        public static final Sizes FULL = new Sizes(5, 1_000_000, 40, 2_500, 1_000_000, List.of(1, 200, 1_000), 200, 200, 200,
                1_000_000, 100_000, List.of(1, 20, 200), 200_000);
        public static final Sizes SMOKE = new Sizes(1, 5_000, 4, 50, 200, List.of(1, 5), 5, 8, 3, 5_000, 500, List.of(1, 5), 200);
    }

    public static final String COMMAND = "bench/run";
    /** How long serve is left alone before its memory at rest is read. */
    private static final java.time.Duration SERVE_REST = java.time.Duration.ofSeconds(30);

    private BenchmarkMain() {
    }

    /** The benchmarks by the name {@code --only} takes, in the report's order. */
    public static final List<String> BENCHMARKS = List.of("serve", "replay", "ingest", "capture", "timing", "startup", "browsing",
            "diff", "importexport");

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        Path out = null;
        Set<String> only = new LinkedHashSet<>(BENCHMARKS);
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            } else if (args[i].equals("--only")) {
                only = new LinkedHashSet<>(List.of(args[i + 1].split(",")));
                if (!BENCHMARKS.containsAll(only)) {
                    System.err.println("--only takes a comma-separated list of " + String.join(", ", BENCHMARKS) + ": " + args[i + 1]);
                    System.exit(2);
                }
            }
        }
        boolean partial = only.size() < BENCHMARKS.size();
        if (out == null && !partial) {
            out = Path.of("docs/BENCHMARKS.md");
        }
        List<Figure> figures;
        String notMeasured = "";
        try {
            figures = run(smoke ? Sizes.SMOKE : Sizes.FULL, only);
        } catch (BenchmarksFailed e) {
            // What was measured is written all the same: three quarters of an hour is not lost to the last figure.
            figures = e.measured;
            notMeasured = "\n## Not measured in this run\n\n" + String.join("\n", e.failures) + "\n";
        }
        String markdown = BenchmarkReport.markdown(figures, smoke ? Sizes.SMOKE.runs() : Sizes.FULL.runs(), smoke, COMMAND)
                + notMeasured;
        System.out.print(markdown);
        // A partial run (--only) never replaces docs/BENCHMARKS.md by itself: it writes a file only where --out says.
        if (out != null) {
            BenchmarkReport.write(out, markdown);
            System.err.println("Wrote " + out.toAbsolutePath());
        }
        if (!notMeasured.isEmpty()) {
            System.err.println("Some figures were not measured:" + notMeasured);
            System.exit(1);
        }
    }

    /** Some benchmarks failed; the figures of the others are kept. */
    static final class BenchmarksFailed extends Exception {
        final transient List<Figure> measured;
        final transient List<String> failures;

        BenchmarksFailed(List<Figure> measured, List<String> failures, Throwable first) {
            super("benchmarks failed: " + String.join("; ", failures), first);
            this.measured = measured;
            this.failures = failures;
        }
    }

    /** One benchmark of the run; its failure is recorded and the next one runs. */
    private interface Benchmark {
        void run() throws Exception;
    }

    private static void attempt(String name, Benchmark benchmark, List<String> failures, List<Throwable> causes) {
        try {
            benchmark.run();
        } catch (Exception | OutOfMemoryError e) { // NOPMD: a benchmark's OutOfMemoryError frees its own heap; the next runs
            failures.add("- `" + name + "`: " + e);
            causes.add(e);
            System.err.println("[bench] " + name + " failed: " + e);
        }
    }

    public static List<Figure> run(Sizes sizes) throws Exception {
        return run(sizes, Set.copyOf(BENCHMARKS));
    }

    /** Runs the benchmarks named in {@code only} (see {@link #BENCHMARKS}), in the report's order. */
    public static List<Figure> run(Sizes sizes, Set<String> only) throws Exception {
        Harness harness = new Harness(sizes.runs(), line -> System.err.println("[bench] " + line));
        Path dir = Files.createTempDirectory("kosmi-bench-");
        List<Figure> figures = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Throwable> causes = new ArrayList<>();
        try {
            if (only.contains("serve")) {
                attempt("serve", () -> serveReplay(harness, sizes, dir, figures), failures, causes);
            }
            if (only.contains("replay")) {
                attempt("replay", () -> replay(harness, sizes, figures), failures, causes);
            }
            if (only.contains("ingest")) {
                attempt("ingest", () -> ingest(harness, sizes, dir, figures), failures, causes);
            }
            if (only.contains("capture")) {
                attempt("capture", () -> capture(harness, sizes, dir, figures), failures, causes);
            }
            if (only.contains("timing")) {
                attempt("timing", () -> timing(harness, sizes, figures), failures, causes);
            }
            if (only.contains("startup")) {
                attempt("startup", () -> startup(harness, figures), failures, causes);
            }
            if (only.contains("browsing")) {
                attempt("browsing", () -> browsing(harness, sizes, dir, figures), failures, causes);
            }
            if (only.contains("diff")) {
                attempt("diff", () -> diff(harness, sizes, dir, figures), failures, causes);
            }
            if (only.contains("importexport")) {
                attempt("importexport", () -> importExport(harness, sizes, dir, figures), failures, causes);
            }
        } finally {
            deleteRecursively(dir);
        }
        if (!failures.isEmpty()) {
            BenchmarksFailed failed = new BenchmarksFailed(figures, failures, causes.get(0));
            causes.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
        return figures;
    }

    /**
     * Replay on the user's path: serve from the jar, audit on, to Node ws clients offering permessage-deflate,
     * against a plain Node ws server; the audit's kept and lost counts after each client count, and serve's memory.
     */
    private static void serveReplay(Harness harness, Sizes sizes, Path dir, List<Figure> figures) throws Exception {
        Path project = Path.of(System.getProperty("kosmi.project.dir", ".")).toAbsolutePath().normalize();
        try (NodeReplayBenchmark replay = new NodeReplayBenchmark(project, dir, sizes.historyPages(), sizes.messagesPerPage(),
                sizes.serveFramesPerRun())) {
            long lostBefore = 0;
            for (int clients : sizes.serveClientCounts()) {
                Stats[] s = harness.compare("serve to " + clients + " Node clients", replay.plain(clients), replay.serve(clients));
                int pages = replay.pagesPerClient(clients);
                long lost = replay.auditLost();
                figures.add(new Figure(String.format("serve --speed 0 to %,d Node ws client%s (deflate offered), audit on", clients,
                        clients == 1 ? "" : "s"), "frames/s", s[1], s[0], "plain Node ws server sending the same frames",
                        Figure.Goal.ratioAtLeast(0.9), String.format("serve started by ./kosmi-recorder as a user starts it (audit in its temporary store, "
                                + "recorded handshake, --quiet); Node's ws with default options; each client fetches %d page%s of "
                                + "%,d in turn; %s (%,d lost in these runs); clients that failed: serve %d, plain server %d.",
                                pages, pages == 1 ? "" : "s", sizes.messagesPerPage(), replay.auditNote(), lost - lostBefore,
                                replay.takeServeErrors(), replay.takePlainErrors())));
                lostBefore = lost;
            }
            com.fasterxml.jackson.databind.JsonNode audit = replay.audit();
            figures.add(new Figure("serve's audit over those replay runs: frames kept", "frames",
                    Stats.of(List.of((double) audit.path("framesKept").asLong())), null, null,
                    Figure.Goal.zero("frames lost", audit.path("framesLost").asLong()), "every frame both ways of every client "
                            + "above, as serve's GET /__admin/health counts them once the audit has stored everything."));
            figures.add(new Figure("serve: peak resident memory during the replay runs", "MiB",
                    Stats.of(List.of(replay.servePeakRssMiB())), null, null, Figure.Goal.atMost(1200, "MiB"),
                    "VmRSS from /proc sampled every 100 ms while the runs above (baselines included) and the audit's catching "
                            + "up went on; started by ./kosmi-recorder, whose -Xmx1g bounds the heap (the goal: that heap and "
                            + "the JVM's own)."));
            figures.add(new Figure("serve: resident memory at rest after the replay runs", "MiB",
                    Stats.of(List.of(replay.serveRestingRssMiB(SERVE_REST))), null, null, Figure.Goal.atMost(512, "MiB"),
                    String.format("VmRSS from /proc %d s after the audit had stored every frame of the runs above, no client in "
                            + "between: serve gives back heap after 10 s without a collection (ServeHeap).", SERVE_REST.toSeconds())));
        }
    }

    private static void replay(Harness harness, Sizes sizes, List<Figure> figures) throws Exception {
        try (ReplayBenchmark replay = new ReplayBenchmark(sizes.historyPages(), sizes.messagesPerPage(), sizes.replayFramesPerRun())) {
            for (int clients : sizes.clientCounts()) {
                Stats[] s = harness.compare("replay to " + clients, replay.bare(clients), replay.mock(clients));
                int errors = replay.takeMockErrors();
                int bareErrors = replay.takeBareErrors();
                int pages = replay.pagesPerClient(clients);
                figures.add(new Figure(String.format("Replay at speed 0 to %,d client%s", clients, clients == 1 ? "" : "s"),
                        "frames/s", s[1], s[0], "bare Jetty 12 endpoint sending the same recorded frames",
                        Figure.Goal.ratioAtLeast(0.8), String.format("a %,d-frame history (%d pages of %,d); each client "
                                + "fetches %d page%s in turn, %,d frames per run in total; clients that failed over all runs: "
                                + "mock %d, bare endpoint %d.", sizes.historyPages() * sizes.messagesPerPage(),
                                sizes.historyPages(), sizes.messagesPerPage(), pages, pages == 1 ? "" : "s",
                                (long) clients * pages * sizes.messagesPerPage(), errors, bareErrors)));
            }
            // No goal: this one says what the audit of serve costs and keeps, beside the figures above.
            int clients = sizes.auditedClients();
            Stats[] s = harness.compare("replay audited to " + clients, replay.bare(clients), replay.audited(clients));
            figures.add(new Figure(String.format("Replay at speed 0 to %,d clients, audited as serve does", clients), "frames/s",
                    s[1], s[0], "bare Jetty 12 endpoint sending the same recorded frames", null,
                    String.format("the same runs, every frame both ways audited into an in-memory H2 store as `serve` does; "
                            + "%s; clients that failed over all runs: mock %d, bare endpoint %d.", replay.auditSummary(),
                            replay.takeMockErrors(), replay.takeBareErrors())));
        }
    }

    private static void ingest(Harness harness, Sizes sizes, Path dir, List<Figure> figures) throws Exception {
        IngestBenchmark ingest = new IngestBenchmark(dir, sizes.ingestFrames());
        Stats[] ingestStats = harness.compare("ingest", ingest::plainJdbcFramesPerSecond, ingest::writerFramesPerSecond);
        figures.add(new Figure("Ingest: " + String.format("%,d", sizes.ingestFrames()) + " frames into an H2 file", "frames/s",
                ingestStats[1], ingestStats[0], "plain JDBC batch insert, same rows and schema",
                Figure.Goal.ratioAtLeast(0.7), "CaptureWriter from one producer thread until finish() has committed "
                        + "everything, its queue sized to the burst (the default bound is 200,000); frames are the built-in fixture's payloads, cycled; zero frames lost is checked."));
    }

    private static void capture(Harness harness, Sizes sizes, Path dir, List<Figure> figures) throws Exception {
        CaptureBenchmark capture = new CaptureBenchmark(dir, sizes.captureBurst());
        Stats[] s = harness.compare("capture from a browser", capture.unrecorded(), capture.recorded());
        figures.add(new Figure(String.format("Capture from a browser: a burst of %,d frames each way", sizes.captureBurst()),
                "frames/s", s[1], s[0], "the same page and burst in the same headless Chromium, nothing attached",
                Figure.Goal.zero("frames lost", capture.framesLost()), String.format("a local page (the recorder tests' TestSite) "
                        + "sends %,d frames, then receives %,d, over one graphql-ws socket on 127.0.0.1: %,d frames with the "
                        + "conversation around the burst. Recorded: the recorder as record --headless runs it (driver cdp, "
                        + "Chromium from the recorder's launcher with its standard flags) into an H2 file, %,d frames over the "
                        + "time from the server receiving the page's first frame to the store's committed count reaching them "
                        + "all. Baseline: the same page in a Chromium launched the same way, opened through DevTools' "
                        + "PUT /json/new with nothing attached, the same frames over the time from the server receiving the "
                        + "first frame to it receiving the last; so the ratio is what recording costs the traffic, its tail's "
                        + "commit included. Each run has its own browser, site and store. %s", sizes.captureBurst(),
                        sizes.captureBurst(), capture.framesPerRun(), capture.framesPerRun(), capture.summary())));
        if (capture.framesLost() > 0) {
            System.err.printf("[bench] capture from a browser: %,d FRAMES LOST; the figure's goal fails%n", capture.framesLost());
        }
    }

    private static void timing(Harness harness, Sizes sizes, List<Figure> figures) throws Exception {
        try (TimingBenchmark timing = new TimingBenchmark(sizes.timedPushes())) {
            for (int clients : List.of(1, sizes.timingCrowd())) {
                Stats[] s = harness.compare("timing to " + clients, timing.scheduler(), timing.mock(clients));
                figures.add(new Figure(String.format("Timing at speed 1 to %,d client%s: p99 |replayed − recorded gap|", clients,
                        clients == 1 ? "" : "s"), "ms", s[1], s[0], "a JVM scheduler sleeping the same gaps",
                        clients == 1 ? Figure.Goal.atMost(2, "ms") : null,
                        String.format("%,d pushes recorded 5/10/20/50 ms apart; last run: %s; clients that failed: %d.",
                                sizes.timedPushes(), timing.lastDistribution(), timing.takeClientErrors())));
            }
        }
    }

    private static void startup(Harness harness, List<Figure> figures) throws Exception {
        Path project = Path.of(System.getProperty("kosmi.project.dir", ".")).toAbsolutePath().normalize();
        StartupBenchmark startup = new StartupBenchmark(project);
        Stats[] s = harness.compare("serve start-up", startup.bareJvm(), startup.serve());
        figures.add(new Figure("serve --no-ui: launch to /__admin/health 200", "ms", s[1], s[0],
                "a JVM printing one line", Figure.Goal.atMost(1500, "ms"), "./kosmi-recorder serve --port 0 --no-ui --speed 0 (the launcher, "
                + "the jar built), launch to the health answer."));
        double rss = startup.lastRssMiB();
        figures.add(new Figure("serve: resident memory after replaying the room to 10 clients", "MiB",
                Stats.of(List.of(rss)), null, null, Figure.Goal.atMost(200, "MiB"),
                "VmRSS from /proc after the last start-up run, started by the launcher (its -Xmx1g)."));
    }

    private static void browsing(Harness harness, Sizes sizes, Path dir, List<Figure> figures) throws Exception {
        System.err.printf("[bench] browsing: storing %,d frames in an H2 file%n", sizes.browseFrames());
        try (BrowsingBenchmark browse = new BrowsingBenchmark(dir, sizes.browseFrames())) {
            browsingFigures(harness, sizes, browse, "", "", figures);
        }
        // The same pages from a team's shared store (SPEC §9): PostgreSQL on loopback, on a throwaway cluster.
        System.err.printf("[bench] browsing: storing %,d frames in PostgreSQL%n", sizes.browseFrames());
        try (PostgresCluster cluster = PostgresCluster.start();
             BrowsingBenchmark browse = new BrowsingBenchmark(cluster.newDatabase().url(), sizes.browseFrames())) {
            browsingFigures(harness, sizes, browse, " on PostgreSQL", "; PostgreSQL 15 on 127.0.0.1 with fsync off (a throwaway "
                    + "cluster, as the tests use), through the same web UI", figures);
        }
    }

    private static void browsingFigures(Harness harness, Sizes sizes, BrowsingBenchmark browse, String where, String moreNote,
            List<Figure> figures) throws Exception {
        String frames = String.format("%,d", sizes.browseFrames());
        Stats[] first = harness.compare("browse first page" + where, browse.connections(), browse.firstPage());
        Stats middle = harness.measure("browse middle page" + where, browse.middlePage());
        Stats filtered = harness.measure("browse filtered page" + where, browse.filteredPage());
        String baseline = "GET the session's connections (one row)";
        String note = "100 frames per page, " + BrowsingBenchmark.REQUESTS + " requests per measurement, over HTTP on loopback" + moreNote + ".";
        figures.add(new Figure("Browse " + frames + " frames" + where + ": first page", "ms/request", first[1], first[0], baseline,
                Figure.Goal.atMost(50, "ms"), note));
        figures.add(new Figure("Browse " + frames + " frames" + where + ": middle page", "ms/request", middle, first[0], baseline,
                Figure.Goal.atMost(50, "ms"), null));
        figures.add(new Figure("Browse " + frames + " frames" + where + ": middle page filtered by operation", "ms/request", filtered,
                first[0], baseline, Figure.Goal.atMost(50, "ms"), null));
    }

    private static void diff(Harness harness, Sizes sizes, Path dir, List<Figure> figures) throws Exception {
        System.err.printf("[bench] diff: storing two sessions of %,d frames%n", sizes.browseFrames());
        try (DiffBenchmark diff = new DiffBenchmark(dir, sizes.browseFrames())) {
            String frames = String.format("%,d", sizes.browseFrames());
            String baseline = "a plain full scan of both sessions' frames through the same store API";
            Stats[] speed = harness.compare("diff", diff.scan(), diff.diff());
            Stats[] memory = diff.peaks();
            figures.add(new Figure("diff of two " + frames + "-frame sessions", "frames/s", speed[1], speed[0], baseline,
                    Figure.Goal.ratioAtLeast(0.25), "CaptureDiff over two sessions in one H2 file, both read by keyset pages "
                            + "of 1,000 frames; every frame's JSON parsed and folded into bounded per-operation shapes; "
                            + "frames/s counts both sessions' frames. Changes found: " + diff.lastChanges() + " (the sessions hold the same traffic)."));
            figures.add(new Figure("diff of two " + frames + "-frame sessions: peak heap", "MiB", memory[1], memory[0], baseline,
                    Figure.Goal.ratioAtMost(2.0), "The same runs: the most heap in use right after any garbage collection during a run "
                            + "(what the work keeps alive, without its uncollected garbage; the store's caches count for both "
                            + "alike): bounded memory shows as a ratio near 1."));
        }
    }

    /** A HAR a fifth of the ingest size: 200,000 messages at full size, the 65 MB HAR. */
    private static void importExport(Harness harness, Sizes sizes, Path dir, List<Figure> figures) throws Exception {
        int messages = sizes.ingestFrames() / 5;
        ImportExportBenchmark io = new ImportExportBenchmark(dir, messages);
        String har = String.format("a HAR of %,d WebSocket messages (%.1f MB, chat bodies of random words)", messages,
                io.fileBytes() / 1e6);
        Stats[] in = harness.compare("import", io::readSeconds, io::importSeconds);
        figures.add(new Figure("import " + har, "s", in[1], in[0], "reading the same HAR into memory",
                new Figure.Goal("<= 15x baseline", Figure.On.RATIO, false, 15, 0),
                "kosmi-recorder import through picocli in this JVM, into a fresh H2 file each run."));
        Stats size = harness.measure("store size", io::storeToFile);
        figures.add(new Figure("the store after that import, against the HAR's size", "x the file", size, null, null,
                Figure.Goal.atMost(1.0, "x the file"), "the .mv.db file of the last import: H2 pages compressed (COMPRESS=TRUE), compacted by import after 10,000 frames or more."));
        Stats[] out = harness.compare("export", io::writeSeconds, io::exportSeconds);
        figures.add(new Figure("export that session as HAR", "s", out[1], out[0], "writing the same capture as HAR from memory",
                new Figure.Goal("<= 4x baseline", Figure.On.RATIO, false, 4, 0),
                "kosmi-recorder export --format har --out FILE, streaming a page of 1,000 frames at a time from the store."));
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
