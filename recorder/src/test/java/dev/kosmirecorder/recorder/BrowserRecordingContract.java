package dev.kosmirecorder.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.kosmirecorder.recorder.testsite.SameTraffic.assertSameFrames;
import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.recorder.internal.CaptureTranslator;
import dev.kosmirecorder.recorder.testsite.LaunchedRecording;
import dev.kosmirecorder.recorder.testsite.MockRoom;
import dev.kosmirecorder.recorder.testsite.TestSite;
import dev.kosmirecorder.replayer.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Recording real headless Chromium with the production launcher, the same tests for every {@link BrowserDriver}
 * (SPEC §7): a subclass per driver names it. In recorder's test-jar, so that a driver in its own module runs them too.
 * The round trip and the refused handshake record the shared test page talking to the project's own mock
 * ({@link MockRoom}) and compare with the mock's audit; workers, bursts, binary and 5 MB frames use the
 * {@link TestSite}, which speaks what the mock does not.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class BrowserRecordingContract {
    protected TestSite site;
    protected CaptureStore store;

    /** The driver under test. */
    protected abstract BrowserDriver driver();

    @BeforeEach
    void start() {
        site = TestSite.start();
        store = JdbcCaptureStore.open(StoreLocation.inMemory("browser-" + System.nanoTime()));
    }

    @AfterEach
    void stop() {
        store.close();
        site.close();
    }

    /** Records one mode of the test site's page with a launched Chromium until the site saw the client end. */
    protected Capture record(String mode, int expectedFrames) {
        return record(mode, expectedFrames, recorder -> { });
    }

    /** As {@link #record(String, int)}, running {@code afterTraffic} once the page's traffic is over. */
    protected Capture record(String mode, int expectedFrames, Consumer<Recorder> afterTraffic) {
        return record(site.page(mode), site.hostAndPort(), siteTraffic(mode, expectedFrames, afterTraffic));
    }

    /**
     * Records {@code page} with a launched Chromium, keeping traffic to {@code host}, until {@code untilDone} returns;
     * checks that the browser and its folder are gone afterwards.
     */
    protected Capture record(String page, String host, Consumer<Recorder> untilDone) {
        LaunchedRecording.Result recorded = LaunchedRecording.record(driver(), store, getClass().getSimpleName(), page, host, untilDone);
        assertNothingLeft(recorded.chromium());
        return store.load(recorded.session().id());
    }

    protected Session recordWith(NetworkBrowser browser, String page, String host, Consumer<Recorder> untilDone) {
        return LaunchedRecording.recordWith(browser, store, getClass().getSimpleName(), page, host, untilDone);
    }

    /** Until the site saw the client end its socket, then {@code afterTraffic}, then until the recorder has the frames. */
    private Consumer<Recorder> siteTraffic(String mode, int expectedFrames, Consumer<Recorder> afterTraffic) {
        return recorder -> {
            long opened = System.nanoTime(); // the page has just been opened
            site.awaitConnection().terminated.orTimeout(120, TimeUnit.SECONDS).join();
            afterTraffic.accept(recorder);
            awaitFrames(recorder, expectedFrames);
            if (expectedFrames > 1_000) {
                // A figure for the report, not an assertion: page load to the last frame handed to the writer.
                double seconds = (System.nanoTime() - opened) / 1e9;
                System.out.printf("%s, driver %s: %d frames captured in %.2f s from page load (%.0f frames/s)%n", mode,
                        driver().wireName(), expectedFrames, seconds, expectedFrames / seconds);
            }
        };
    }

    /** Until the mock's audit shows the page's socket ended, then until the recorder has every frame the mock audited. */
    private static Consumer<Recorder> mockTraffic(MockRoom room) {
        return recorder -> {
            room.awaitConnectionEnd(Duration.ofSeconds(120));
            awaitFrames(recorder, room.auditedFrames().size());
        };
    }

    private static void awaitFrames(Recorder recorder, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> recorder.stats().frames() >= expected);
    }

    /** The browser's {@code /json/list}: its targets and their URLs. */
    private static String openTabs(String http) throws Exception {
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        return list.body();
    }

    protected static void assertNothingLeft(Chromium chromium) {
        assertThat(LaunchedRecording.leftovers(chromium)).isEmpty();
    }

    private static List<String> operationsAnswered(List<Frame> frames) {
        return frames.stream().filter(f -> f.direction() == Direction.RECEIVED && "data".equals(f.message().type()))
                .map(f -> f.message().operationName()).distinct().sorted().toList();
    }

    /**
     * Acceptance 1: the test page plays the built-in room against the project's mock; the recording equals the
     * mock's audit of the same connection, and holds the handshake Chrome sent and the token POST both ways.
     */
    @Test
    void recordsTheTokenPostTheHandshakeAsSentAndEveryFrameTheMockAudited() {
        Capture room = BuiltInFixtures.kosmiRoom();
        try (MockRoom mock = MockRoom.start(room)) {
            Capture capture = record(mock.page(), mock.hostAndPort(), mockTraffic(mock));
            WsConnection audited = mock.auditedConnection();

            assertThat(capture.session().status()).isEqualTo(SessionStatus.COMPLETE);
            assertThat(capture.session().framesLost()).isZero();
            assertThat(capture.session().attributes().get("browser")).contains("Chrome");
            WsConnection socket = capture.connections().get(0);
            assertThat(capture.connections()).hasSize(1);
            assertThat(socket.url()).isEqualTo(mock.wsUrl().toString());
            assertThat(socket.status()).isEqualTo(101);
            assertThat(socket.subprotocol()).isEqualTo("graphql-ws");
            assertThat(socket.requestHeaders().get("Origin")).contains(mock.pageOrigin());
            for (String header : List.of("Origin", "Sec-WebSocket-Protocol", "User-Agent")) {
                assertThat(socket.requestHeaders().get(header)).as(header).isPresent().isEqualTo(audited.requestHeaders().get(header));
            }
            assertSameFrames(capture.framesOf(socket.id()), mock.auditedFrames());
            // The page played the whole room: every recorded operation was answered.
            assertThat(operationsAnswered(capture.frames())).isEqualTo(operationsAnswered(room.frames())).hasSize(7);

            HttpExchange token = capture.exchanges().stream().filter(e -> e.method().equals("POST")).findFirst().orElseThrow();
            HttpExchange answered = mock.auditedExchanges().get(0);
            assertThat(token.url()).isEqualTo(mock.url().toString());
            assertThat(token.requestBody().text()).contains("AnonLogin").isEqualTo(answered.requestBody().text());
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.responseBody().text()).contains("\"token\"").isEqualTo(answered.responseBody().text());
            assertThat(token.responseHeaders().get("Access-Control-Allow-Origin")).contains(mock.pageOrigin());
            // The headers really sent (Origin, cookies) come only in requestWillBeSentExtraInfo, which CDP4J 3.0.6 predates:
            // it records the headers the page set. Asserted exactly, so that a driver that changes fails here.
            switch (driver()) {
                case CDP -> assertThat(token.requestHeaders().get("Origin")).contains(mock.pageOrigin());
                case CDP4J -> assertThat(token.requestHeaders().get("Origin")).isEmpty();
            }
            assertThat(token.requestHeaders().get("Content-Type")).contains("application/json");
        }
    }

    /** Acceptance 2: the mock with {@code --fault reject-upgrade} refuses the page's handshake with 403. */
    @Test
    void recordsAHandshakeTheMockRefusedWith403AsARefusedConnection() {
        try (MockRoom mock = MockRoom.start(BuiltInFixtures.kosmiRoom(), Fault.of(Fault.Kind.REJECT_UPGRADE))) {
            Capture capture = record(mock.page(), mock.hostAndPort(),
                    recorder -> await().atMost(Duration.ofSeconds(30)).until(() -> recorder.stats().refusedHandshakes() == 1));
            WsConnection audited = mock.awaitConnectionEnd(Duration.ofSeconds(30));
            assertThat(audited.rejected()).isTrue();
            assertThat(audited.status()).isEqualTo(403);

            assertThat(capture.connections()).hasSize(1);
            WsConnection refused = capture.connections().get(0);
            assertThat(refused.rejected()).isTrue();
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.url()).isEqualTo(mock.wsUrl().toString());
            assertThat(refused.error()).contains("Unexpected response code: 403");
            assertThat(refused.requestHeaders().get("Origin")).contains(mock.pageOrigin()).isEqualTo(audited.requestHeaders().get("Origin"));
            assertThat(capture.frames()).isEmpty();
            assertThat(capture.session().attributes()).containsEntry(CaptureTranslator.REFUSED_HANDSHAKE_ATTRIBUTE,
                    CaptureTranslator.REFUSED_HANDSHAKE_NOTE);
        }
    }

    /**
     * The difference between the drivers, asserted exactly: the flat-session driver records a socket opened in a
     * dedicated worker, CDP4J (non-flat sessions) does not see it at all. A CDP4J that starts seeing workers fails
     * this test, and the README's driver table must then be updated.
     */
    @Test
    void recordsASocketOpenedFromADedicatedWorkerOnlyWithTheFlatSessionDriver() {
        String barrier = site.url("/client.js?after-worker");
        Capture capture = record("worker", driver() == BrowserDriver.CDP ? 5 : 0, recorder -> {
            // A request the page makes after the worker's socket closed: events come in order, so once it is
            // captured, every event of the worker's socket that the driver would ever report has been reported.
            CompletableFuture<HttpExchange> seen = new CompletableFuture<>();
            recorder.onExchange(e -> {
                if (e.url().equals(barrier)) {
                    seen.complete(e);
                }
            });
            recorder.evaluate("fetch('" + barrier + "').then(r => r.text()).then(() => 'fetched')").join();
            seen.orTimeout(30, TimeUnit.SECONDS).join();
        });
        assertThat(site.connections()).as("the worker's socket reached the site").hasSize(1);
        switch (driver()) {
            case CDP -> {
                assertThat(capture.connections()).hasSize(1);
                assertSameFrames(capture.frames(), site.connections().get(0).asFrames());
                assertThat(capture.frames().get(0).text()).contains("\"from\":\"worker\"");
            }
            case CDP4J -> {
                assertThat(capture.connections()).isEmpty();
                assertThat(capture.frames()).isEmpty();
            }
        }
        assertThat(capture.exchanges()).extracting(HttpExchange::url).contains(barrier);
    }

    @Test
    void recordsABurstOfTenThousandFramesEachWayCompletelyAndInOrder() {
        int n = 10_000;
        Capture capture = record(site.burstPage(n), site.hostAndPort(), siteTraffic("burst", TestSite.burstFrames(n), recorder -> { }));
        assertThat(capture.session().framesLost()).isZero();
        assertSameFrames(capture.frames(), site.connections().get(0).asFrames());
        assertThat(capture.frames()).hasSize(TestSite.burstFrames(n));
        assertThat(capture.frames()).extracting(Frame::seq).isSorted();
        assertThat(capture.frames()).extracting(Frame::timeMicros).isSorted();
        // A figure for the report: the traffic's own rate (Chrome's clock, first to last frame), all of it captured.
        List<Frame> frames = capture.frames();
        double span = (frames.get(frames.size() - 1).timeMicros() - frames.get(0).timeMicros()) / 1e6;
        System.out.printf("burst traffic, driver %s: %d frames over %.2f s of Chrome time (%.0f frames/s), %d lost%n",
                driver().wireName(), frames.size(), span, frames.size() / span, capture.session().framesLost());
    }

    @Test
    void recordsABinaryFrameAndFiveMegabyteTextFramesIntact() {
        Capture capture = record("big", 7);
        assertSameFrames(capture.frames(), site.connections().get(0).asFrames());
        List<Frame> binary = capture.frames().stream().filter(f -> f.opcode() == Opcode.BINARY).toList();
        assertThat(binary).hasSize(2);
        assertThat(binary.get(0).payload().size()).isEqualTo(256);
        assertThat(capture.frames()).filteredOn(f -> f.payload().size() == 5 * 1024 * 1024).hasSize(2);
    }

    @Test
    void attachesToARunningChromiumRecordsTheRoundTripAndLeavesItRunning() throws Exception {
        Chromium running = Chromium.launch(Chromium.Options.headlessDefaults());
        try {
            String http = "http://127.0.0.1:" + running.devToolsEndpoint().getPort();
            Session session;
            try (NetworkBrowser browser = driver().connect(DevToolsEndpoint.resolve(http), false)) {
                session = recordWith(browser, site.page("roundtrip"), site.hostAndPort(), siteTraffic("roundtrip", 9, recorder -> { }));
            }
            assertThat(running.isAlive()).isTrue();
            // The attached browser still answers DevTools after the recorder let go, without the tab it opened.
            assertThat(DevToolsEndpoint.resolve(http)).isEqualTo(running.devToolsEndpoint());
            assertThat(openTabs(http)).doesNotContain(site.page("roundtrip"));
            Capture capture = store.load(session.id());
            assertSameFrames(capture.frames(), site.connections().get(0).asFrames());
            assertThat(capture.exchanges()).anyMatch(e -> e.method().equals("POST") && !e.responseBody().isEmpty());
        } finally {
            running.close();
        }
        assertNothingLeft(running);
    }
}
