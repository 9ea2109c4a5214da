package dev.kosmirecorder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark and writes {@code docs/BENCHMARKS.md}. {@code --smoke} uses tiny sizes and one run, for
 * CI (it proves the harness works; its numbers mean nothing). Progress goes to stderr.
 */
public final class BenchmarkMain {
    /** The sizes one run uses: full for the report, tiny for the smoke run in CI. */
    public record Sizes(int runs, int ingestFrames) {
        public static final Sizes FULL = new Sizes(5, 1_000_000);
        public static final Sizes SMOKE = new Sizes(1, 5_000);
    }

    public static final String COMMAND = "bench/run";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        Path out = Path.of("docs/BENCHMARKS.md");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            }
        }
        List<Figure> figures = run(smoke ? Sizes.SMOKE : Sizes.FULL);
        String markdown = BenchmarkReport.markdown(figures, smoke ? Sizes.SMOKE.runs() : Sizes.FULL.runs(), smoke, COMMAND);
        BenchmarkReport.write(out, markdown);
        System.out.print(markdown);
        System.err.println("Wrote " + out.toAbsolutePath());
    }

    public static List<Figure> run(Sizes sizes) throws Exception {
        Harness harness = new Harness(sizes.runs(), line -> System.err.println("[bench] " + line));
        Path dir = Files.createTempDirectory("kosmi-bench-");
        List<Figure> figures = new ArrayList<>();
        try {
            IngestBenchmark ingest = new IngestBenchmark(dir, sizes.ingestFrames());
            Stats[] ingestStats = harness.compare("ingest", ingest::plainJdbcFramesPerSecond, ingest::writerFramesPerSecond);
            figures.add(new Figure("Ingest: " + String.format("%,d", sizes.ingestFrames()) + " frames into an H2 file", "frames/s",
                    ingestStats[1], ingestStats[0], "plain JDBC batch insert, same rows and schema",
                    Figure.Goal.ratioAtLeast(0.7), "CaptureWriter from one producer thread until finish() has committed "
                            + "everything; frames are the built-in fixture's payloads, cycled; zero frames lost is checked."));
        } finally {
            deleteRecursively(dir);
        }
        return figures;
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
