package dev.kosmirecorder.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs measurements repeatedly, interleaving candidate and baseline (baseline, candidate, baseline, …) so that
 * a slow moment on a shared machine hits both alike, after one discarded warm-up of each.
 */
public final class Harness {
    /** One measurement: returns the figure's value (for example frames per second). */
    @FunctionalInterface
    public interface Measurement {
        double run() throws Exception;
    }

    private final int runs;
    private final Consumer<String> progress;

    public Harness(int runs, Consumer<String> progress) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1: " + runs);
        }
        this.runs = runs;
        this.progress = progress;
    }

    public int runs() {
        return runs;
    }

    public Stats[] compare(String name, Measurement baseline, Measurement candidate) throws Exception {
        progress.accept(name + ": warm-up");
        baseline.run();
        candidate.run();
        List<Double> b = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            b.add(baseline.run());
            c.add(candidate.run());
            progress.accept(String.format("%s: run %d/%d  baseline %.1f  candidate %.1f", name, i, runs, b.get(i - 1), c.get(i - 1)));
        }
        return new Stats[] {Stats.of(b), Stats.of(c)};
    }

    public Stats measure(String name, Measurement candidate) throws Exception {
        progress.accept(name + ": warm-up");
        candidate.run();
        List<Double> c = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            c.add(candidate.run());
            progress.accept(String.format("%s: run %d/%d  %.2f", name, i, runs, c.get(i - 1)));
        }
        return Stats.of(c);
    }
}
