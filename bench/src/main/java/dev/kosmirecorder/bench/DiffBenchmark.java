package dev.kosmirecorder.bench;

import dev.kosmirecorder.core.diff.CaptureDiff;
import dev.kosmirecorder.core.diff.DiffInput;
import dev.kosmirecorder.core.diff.DiffOptions;
import dev.kosmirecorder.core.diff.DiffReport;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.MillionFrames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 7: {@code diff} of two sessions of {@code frames} frames each in an H2 file, as frames per second (both
 * sessions' frames over the time) and as peak heap. The baseline is a plain full scan of both sessions' frames
 * through the same store API and page size (keyset pages of 1,000), touching every payload: what reading the
 * frames costs before anything is compared. Peak heap is the most heap in use right after any collection
 * during one run ({@link LiveHeap}), for both alike.
 */
final class DiffBenchmark implements AutoCloseable {
    private final CaptureStore store;
    private final String a;
    private final String b;
    private final int frames;
    private final List<Double> scanPeaks = new ArrayList<>();
    private final List<Double> diffPeaks = new ArrayList<>();
    private long lastChanges = -1;

    DiffBenchmark(Path dir, int frames) {
        this.frames = frames;
        this.store = JdbcCaptureStore.open(StoreLocation.parse(dir.resolve("diff").toString()));
        this.a = MillionFrames.fill(store, frames);
        this.b = MillionFrames.fill(store, frames);
    }

    Harness.Measurement scan() {
        return () -> framesPerSecond(scanPeaks, () -> {
            long[] bytes = {0};
            for (String id : List.of(a, b)) {
                DiffInput.of(store, id).forEachFrame((Frame f) -> bytes[0] += f.payload().size());
            }
            if (bytes[0] == 0) {
                throw new IllegalStateException("the scan read no payload bytes");
            }
        });
    }

    Harness.Measurement diff() {
        return () -> framesPerSecond(diffPeaks, () -> {
            DiffReport report = CaptureDiff.compare(DiffInput.of(store, a), DiffInput.of(store, b), DiffOptions.DEFAULT);
            if (report.a().frames() != frames || report.b().frames() != frames) {
                throw new IllegalStateException("the diff saw " + report.a().frames() + " and " + report.b().frames() + " frames, not " + frames);
            }
            lastChanges = report.changes().size();
        });
    }

    /**
     * The peak heap of each measured run of {@link #scan()} and {@link #diff()}, in MiB, the harness's warm-up
     * run left out: one set of runs gives both figures, since a pass over two million frames is slow.
     */
    Stats[] peaks() {
        return new Stats[] {Stats.of(scanPeaks.subList(1, scanPeaks.size())), Stats.of(diffPeaks.subList(1, diffPeaks.size()))};
    }

    long lastChanges() {
        return lastChanges;
    }

    private double framesPerSecond(List<Double> peaks, Runnable work) {
        try (LiveHeap heap = new LiveHeap()) {
            long started = System.nanoTime();
            work.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            peaks.add(heap.peakMiB());
            return 2.0 * frames / seconds;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
