package dev.kosmirecorder.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of repeated measurements (higher or lower is better is the caller's business). */
public record Stats(List<Double> samples, double median, double min, double max) {

    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(List.copyOf(samples), median, sorted.get(0), sorted.get(n - 1));
    }

    /** Spread as ± half the range, in percent of the median. */
    public double spreadPercent() {
        return median == 0 ? 0 : (max - min) / 2 / median * 100;
    }
}
