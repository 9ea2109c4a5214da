package dev.kosmirecorder.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Writes the figures as {@code docs/BENCHMARKS.md}: machine, JVM, date, then one row per figure. */
public final class BenchmarkReport {
    private BenchmarkReport() {
    }

    public static String markdown(List<Figure> figures, int runs, boolean smoke, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        if (smoke) {
            md.append("**Smoke run** (tiny sizes, to keep the harness from rotting): these numbers mean nothing.\n\n");
        }
        md.append("Regenerate with `").append(command).append("`. Every figure is the median of ").append(runs)
                .append(" runs (after one warm-up) with its spread (± half the range); where there is a baseline it was ")
                .append("measured in the same run, interleaved with the candidate, and the ratio is candidate median / ")
                .append("baseline median. On a shared machine only the ratios are comparable between runs.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
        md.append("| machine | ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(physicalMemoryGiB()).append(" GiB, ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(' ').append(System.getProperty("os.arch")).append(" |\n");
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(" (").append(System.getProperty("java.vendor")).append("), heap max ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB |\n\n");
        md.append("| figure | candidate (median ± spread) | baseline (median ± spread) | ratio | goal | holds |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            // A name may hold a pipe (|replayed − recorded gap|): escaped, or it would split the table's cell.
            md.append("| ").append(f.name().replace("|", "\\|")).append(" | ").append(format(f.candidate(), f.unit())).append(" | ")
                    .append(f.baseline() == null ? "—" : format(f.baseline(), f.unit()) + " (" + f.baselineName() + ")").append(" | ")
                    .append(f.baseline() == null ? "—" : String.format(Locale.ROOT, "%.2fx", f.ratio())).append(" | ")
                    .append(f.goal() == null ? "—" : f.goal().text()).append(" | ")
                    .append(f.goal() == null ? "—" : f.goalHolds() ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');
        for (Figure f : figures) {
            if (f.note() != null && !f.note().isBlank()) {
                md.append("- **").append(f.name()).append("**: ").append(f.note()).append('\n');
            }
        }
        return md.toString();
    }

    public static void write(Path file, String markdown) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Stats s, String unit) {
        return String.format(Locale.ROOT, "%,.1f %s ± %.0f%%", s.median(), unit, s.spreadPercent());
    }

    private static long physicalMemoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return -1;
    }
}
