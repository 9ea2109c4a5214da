package dev.kosmirecorder.core.diff;

/**
 * The typical gap between frames in constant memory: gaps fall into buckets about 5% wide on a log scale, and the
 * median is read back to that precision. A million gaps cost the same 400 counters as ten.
 */
final class GapHistogram {
    private static final double GROWTH = Math.log(1.05);
    private static final int BUCKETS = 480;
    private final long[] counts = new long[BUCKETS];
    private long total;

    void add(long gapMicros) {
        long g = Math.max(0, gapMicros);
        int bucket = (int) Math.min(BUCKETS - 1, Math.floor(Math.log1p(g) / GROWTH));
        counts[bucket]++;
        total++;
    }

    /** The median gap in microseconds, or -1 when no gap was seen. */
    long medianMicros() {
        if (total == 0) {
            return -1;
        }
        long half = (total + 1) / 2;
        long running = 0;
        for (int i = 0; i < BUCKETS; i++) {
            running += counts[i];
            if (running >= half) {
                // The bucket's geometric middle.
                return Math.round(Math.expm1((i + 0.5) * GROWTH));
            }
        }
        return -1;
    }
}
