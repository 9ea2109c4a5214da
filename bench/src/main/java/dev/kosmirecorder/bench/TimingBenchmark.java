package dev.kosmirecorder.bench;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.replayer.KosmiMock;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Figure 4: how faithfully the mock keeps recorded timing at {@code --speed 1}. A history page whose pushes were
 * recorded at known gaps (5, 10, 20 and 50 ms, cycling) is replayed to 1 or many clients; each client's error is
 * |gap between two arrivals − recorded gap|, in milliseconds. The baseline is the floor of the same mechanism: a
 * JVM scheduler sleeping the same gaps in this process, with no network and no mock.
 *
 * <p>A run plays only a couple of hundred frames, too few for the JIT: measured cold, the errors of the first runs
 * were compilations landing in the middle of the timing (late frames of 1–4 ms that went away run by run). So the
 * constructor first plays the same capture at speed 0 until the replay path has sent tens of thousands of frames,
 * as a mock that has been serving for a while has.
 */
final class TimingBenchmark implements AutoCloseable {
    private static final long[] GAPS_MICROS = {5_000, 10_000, 20_000, 50_000};
    /** Rounds of 10 clients at speed 0 before measuring: with 200 pushes, 60,000 frames through the replay path. */
    private static final int WARM_UP_ROUNDS = 30;
    private final long[] recordedGaps;
    private final KosmiMock mock;
    private final List<String> starts;
    private double[] lastErrorsMillis = new double[0];
    private int clientErrors;

    TimingBenchmark(int pushes) {
        Capture capture = SyntheticKosmiRoom.historyWithGaps(pushes, i -> GAPS_MICROS[i % GAPS_MICROS.length]);
        List<Frame> data = capture.frames().stream().filter(f -> "data".equals(f.message().type())).toList();
        recordedGaps = new long[data.size() - 1];
        for (int i = 1; i < data.size(); i++) {
            recordedGaps[i - 1] = (data.get(i).timeMicros() - data.get(i - 1).timeMicros()) * 1_000;
        }
        starts = capture.frames().stream().filter(f -> f.direction() == Direction.SENT && "start".equals(f.message().type()))
                .map(Frame::text).toList();
        mock = KosmiMock.builder().capture(capture).port(0).speed(1).start();
        warmUp(capture);
    }

    private void warmUp(Capture capture) {
        try (KosmiMock fast = KosmiMock.builder().capture(capture).port(0).speed(0).start()) {
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                PagingClients.run(fast.wsUrl(), 10, starts, recordedGaps.length + 1, false, Duration.ofMinutes(2));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the timing warm-up failed: " + e.getMessage(), e);
        }
    }

    /** p99 of the mock's gap errors, in ms; the whole distribution is kept for {@link #lastDistribution()}. */
    Harness.Measurement mock(int clients) {
        return () -> {
            PagingClients.Result r = PagingClients.run(mock.wsUrl(), clients, starts, recordedGaps.length + 1, true,
                    Duration.ofMinutes(2));
            clientErrors += r.errors();
            List<Double> errors = new ArrayList<>();
            for (long[] arrivals : r.arrivals()) {
                for (int i = 1; i < arrivals.length && i <= recordedGaps.length; i++) {
                    errors.add(Math.abs((arrivals[i] - arrivals[i - 1]) - recordedGaps[i - 1]) / 1e6);
                }
            }
            return keep(errors);
        };
    }

    /** p99 of a scheduler's own error sleeping the same gaps one after the other, in ms. */
    Harness.Measurement scheduler() {
        return () -> {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            try {
                long[] fired = new long[recordedGaps.length + 1];
                CompletableFuture<Void> done = new CompletableFuture<>();
                fired[0] = System.nanoTime();
                scheduleNext(scheduler, fired, 1, done);
                done.get(2, TimeUnit.MINUTES);
                List<Double> errors = new ArrayList<>();
                for (int i = 1; i < fired.length; i++) {
                    errors.add(Math.abs((fired[i] - fired[i - 1]) - recordedGaps[i - 1]) / 1e6);
                }
                return keep(errors);
            } finally {
                scheduler.shutdownNow();
            }
        };
    }

    private void scheduleNext(ScheduledExecutorService scheduler, long[] fired, int i, CompletableFuture<Void> done) {
        if (i == fired.length) {
            done.complete(null);
            return;
        }
        scheduler.schedule(() -> {
            fired[i] = System.nanoTime();
            scheduleNext(scheduler, fired, i + 1, done);
        }, recordedGaps[i - 1], TimeUnit.NANOSECONDS);
    }

    private double keep(List<Double> errors) {
        lastErrorsMillis = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return percentile(lastErrorsMillis, 0.99);
    }

    /** p50, p99 and max of the last measurement, in ms. */
    String lastDistribution() {
        return String.format(java.util.Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms over %,d gaps",
                percentile(lastErrorsMillis, 0.5), percentile(lastErrorsMillis, 0.99),
                lastErrorsMillis.length == 0 ? Double.NaN : lastErrorsMillis[lastErrorsMillis.length - 1], lastErrorsMillis.length);
    }

    int takeClientErrors() {
        int e = clientErrors;
        clientErrors = 0;
        return e;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    @Override
    public void close() {
        mock.close();
    }

    @Override
    public String toString() {
        return "TimingBenchmark" + Arrays.toString(GAPS_MICROS);
    }
}
