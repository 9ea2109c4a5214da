package dev.kosmirecorder.bench;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.core.store.SessionSummary;
import dev.kosmirecorder.recorder.BrowserDriver;
import dev.kosmirecorder.recorder.Chromium;
import dev.kosmirecorder.recorder.Recorder;
import dev.kosmirecorder.recorder.testsite.LaunchedRecording;
import dev.kosmirecorder.recorder.testsite.TestSite;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Figure 3: capture from a browser. The recorder tests' {@link TestSite} serves a page that, over one graphql-ws socket
 * on 127.0.0.1, sends {@code perDirection} client frames and then asks for as many server frames; with the
 * conversation around the burst that is {@link TestSite#burstFrames} frames. Each run starts its own site and its own
 * headless Chromium, launched by the recorder's {@link Chromium} launcher with its standard flags, and ends both.
 *
 * <p>Candidate: the real recorder (driver {@code cdp}, as {@code record --headless} runs it, through
 * {@link LaunchedRecording}) into a fresh H2 file, timed from the server receiving the page's first frame to the
 * moment the store's committed frame count reaches every frame of the conversation. Baseline: the same page in the
 * same Chromium, opened with DevTools' {@code PUT /json/new} and nothing attached while it runs, timed from the server
 * receiving the first frame to it receiving the last ({@code connection_terminate}). Both in frames per second over
 * the same frames, so the ratio is what recording costs the traffic, the commit of its tail included.
 *
 * <p>Every candidate run checks the store against what the server saw, direction by direction: frames the store lacks,
 * or that the writer refused ({@code framesLost}), are counted as lost, said loudly on stderr, and fail the figure's
 * goal.
 */
final class CaptureBenchmark {
    private static final Duration TRAFFIC_WAIT = Duration.ofMinutes(5);
    /** A recording whose committed count and event count stand still this long after the traffic has lost the rest. */
    private static final Duration STALL = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 10;

    private final Path dir;
    private final int perDirection;
    private final int expected;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int runCounter;
    private int recordedRuns;
    private long framesLost;
    private long writerRefused;
    private long missing;
    private String lastRecorded = "";
    private String lastUnrecorded = "";

    CaptureBenchmark(Path dir, int perDirection) {
        this.dir = dir;
        this.perDirection = perDirection;
        this.expected = TestSite.burstFrames(perDirection);
    }

    /** Every frame of one run's conversation: the burst both ways and the five frames around it. */
    int framesPerRun() {
        return expected;
    }

    /** Frames lost over every recorded run so far, warm-up included. */
    long framesLost() {
        return framesLost;
    }

    /** How the losses split, and the last runs' timings, for the figure's note. */
    String summary() {
        return String.format(Locale.ROOT, "frames lost over all %d recorded runs (warm-up included): %,d (refused by the writer's "
                + "queue: %,d; seen by the server but missing from the store: %,d). Last runs: recorded, %s; not recorded, %s.",
                recordedRuns, framesLost, writerRefused, missing, lastRecorded, lastUnrecorded);
    }

    /** Candidate: the recorder captures the burst into an H2 file; frames per second until every frame is committed. */
    Harness.Measurement recorded() {
        return () -> {
            Path run = Files.createDirectories(dir.resolve("capture-" + (++runCounter)));
            try (TestSite site = TestSite.start(); JdbcCaptureStore store = JdbcCaptureStore.open(run.resolve("store").toString())) {
                long[] committedAt = new long[1];
                LaunchedRecording.Result recorded = LaunchedRecording.record(BrowserDriver.CDP, store, "bench: capture from a browser",
                        site.burstPage(perDirection), site.hostAndPort(), recorder -> committedAt[0] = awaitCommitted(site, store, recorder));
                requireNothingLeft(recorded.chromium());
                TestSite.AuditConnection socket = theBurst(site);
                SessionSummary stored = store.summary(recorded.session().id()).orElseThrow();
                long lacking = Math.max(0, socket.frames(Direction.SENT).size() - stored.framesSent())
                        + Math.max(0, socket.frames(Direction.RECEIVED).size() - stored.framesReceived());
                long refused = recorded.session().framesLost();
                long lost = Math.max(lacking, refused);
                recordedRuns++;
                writerRefused += refused;
                missing += lacking;
                framesLost += lost;
                if (lost > 0 || stored.frames() != expected) {
                    System.err.printf("[bench] capture from a browser: FRAMES LOST: %,d of %,d stored (%,d refused by the writer, "
                            + "%,d missing from the store)%n", stored.frames(), expected, refused, lacking);
                }
                lastRecorded = String.format(Locale.ROOT, "the traffic took %.2f s and its last frame was committed %.0f ms after it ended",
                        seconds(socket.firstFrameNanos(), socket.endNanos()), (committedAt[0] - socket.endNanos()) / 1e6);
                return expected / seconds(socket.firstFrameNanos(), committedAt[0]);
            } finally {
                BenchmarkMain.deleteRecursively(run);
            }
        };
    }

    /** Baseline: the same page and burst in the same kind of browser with nothing attached; frames per second of the traffic. */
    Harness.Measurement unrecorded() {
        return () -> {
            try (TestSite site = TestSite.start()) {
                Chromium chromium = Chromium.launch(Chromium.Options.headlessDefaults());
                try {
                    openTab(chromium, site.burstPage(perDirection));
                    site.awaitConnection().terminated.get(TRAFFIC_WAIT.toSeconds(), TimeUnit.SECONDS);
                } finally {
                    // Only now, with the traffic over, does anything speak DevTools: to close the browser gracefully.
                    chromium.closeAfter(() -> BrowserDriver.CDP.connect(chromium.devToolsEndpoint(), true).close());
                }
                requireNothingLeft(chromium);
                TestSite.AuditConnection socket = theBurst(site);
                double seconds = seconds(socket.firstFrameNanos(), socket.endNanos());
                lastUnrecorded = String.format(Locale.ROOT, "the traffic took %.2f s", seconds);
                return expected / seconds;
            }
        };
    }

    /**
     * Until the server saw the page end its socket, then until the store has committed every frame; returns when
     * ({@link System#nanoTime()}) the committed count reached it, or last moved if the recording stalls short of it.
     */
    private long awaitCommitted(TestSite site, JdbcCaptureStore store, Recorder recorder) {
        try {
            site.awaitConnection().terminated.get(TRAFFIC_WAIT.toSeconds(), TimeUnit.SECONDS);
            long committedChanged = System.nanoTime();
            long lastCommitted = -1;
            long lastProgress = -1;
            long progressAt = committedChanged;
            while (true) {
                long committed = store.summary(recorder.sessionId()).orElseThrow().frames();
                long now = System.nanoTime();
                if (committed >= expected) {
                    return now;
                }
                if (committed != lastCommitted) {
                    lastCommitted = committed;
                    committedChanged = now;
                }
                long progress = committed + recorder.stats().frames() + recorder.stats().framesLost();
                if (progress != lastProgress) {
                    lastProgress = progress;
                    progressAt = now;
                } else if (now - progressAt > STALL.toNanos()) {
                    return committedChanged; // short of every frame: the run counts what is missing as lost
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the burst was recorded", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the page's burst did not end within " + TRAFFIC_WAIT.toMinutes() + " min", e);
        }
    }

    /** The page's one socket, which must have carried the whole conversation: else the run measured something else. */
    private TestSite.AuditConnection theBurst(TestSite site) {
        if (site.connections().size() != 1) {
            throw new IllegalStateException("the burst page opened " + site.connections().size() + " sockets, not 1");
        }
        TestSite.AuditConnection socket = site.connections().get(0);
        if (socket.frames.size() != expected || socket.firstFrameNanos() == 0 || socket.endNanos() == 0) {
            throw new IllegalStateException(String.format("the server saw %,d frames of the burst, not %,d", socket.frames.size(), expected));
        }
        return socket;
    }

    /** Opens {@code url} in a new tab through the DevTools HTTP endpoint ({@code PUT /json/new}): no session attaches. */
    private void openTab(Chromium chromium, String url) throws Exception {
        URI endpoint = chromium.devToolsEndpoint();
        URI json = URI.create("http://127.0.0.1:" + endpoint.getPort() + "/json/new?" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(json).PUT(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("DevTools answered " + answer.statusCode() + " to PUT /json/new: " + answer.body());
        }
    }

    private static void requireNothingLeft(Chromium chromium) {
        LaunchedRecording.leftovers(chromium).ifPresent(left -> {
            throw new IllegalStateException("the capture benchmark left something behind: " + left);
        });
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
