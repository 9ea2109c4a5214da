package dev.kosmirecorder.recorder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.CaptureWriter;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.recorder.HostFilter;
import dev.kosmirecorder.recorder.NetworkEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The translation of a real Chromium 156 event stream (the test resource cdp/chromium-156-events.jsonl, described in docs/CDP.md) into a capture. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptureTranslatorTest {
    private static final Instant SESSION_START = Instant.parse("2026-11-22T22:18:10.800Z");
    private static final double HANDSHAKE_WALL_TIME = 1795385890.907818;

    private CaptureStore store;
    private final List<String> bodyRequests = new ArrayList<>();
    private final List<HttpExchange> done = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("translator-" + System.nanoTime()));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Capture translate(String hosts) throws IOException {
        return translate(hosts, false);
    }

    /** With {@code twice}, every event is also reported by a second session, as for a doubly attached target. */
    private Capture translate(String hosts, boolean twice) throws IOException {
        CaptureWriter writer = CaptureWriter.start(store, Session.start(SessionKind.RECORDING, "t", "http://127.0.0.1:8765/", SESSION_START));
        CaptureTranslator translator = new CaptureTranslator(writer, HostFilter.parse(List.of(hosts)), new CaptureTranslator.Bodies(
                (target, requestId) -> {
                    bodyRequests.add(target + "/" + requestId);
                    return CompletableFuture.completedFuture(Payload.ofText("{\"token\":\"body-of-" + requestId + "\"}"));
                },
                (target, requestId) -> CompletableFuture.failedFuture(new IllegalStateException("no post data expected"))),
                done::add);
        for (JsonNode line : events()) {
            JsonNode msg = line.get("msg");
            translator.onEvent(new NetworkEvent(line.get("session").asText(), msg.get("method").asText(), msg.get("params")));
            if (twice) {
                translator.onEvent(new NetworkEvent("SECOND-" + line.get("session").asText(), msg.get("method").asText(), msg.get("params")));
            }
        }
        assertThat(translator.sawRefusedHandshake()).isEqualTo(!hosts.equals("elsewhere.example"));
        Session ended = writer.finish(SessionStatus.COMPLETE);
        return store.load(ended.id());
    }

    private static List<JsonNode> events() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CaptureTranslatorTest.class.getResourceAsStream("/cdp/chromium-156-events.jsonl")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    events.add(Json.MAPPER.readTree(line));
                }
            }
        }
        return events;
    }

    @Test
    void capturesThePagesSocketWithHandshakeAsSentAndEveryFrameInOrder() throws IOException {
        Capture capture = translate("127.0.0.1:8765");

        WsConnection page = capture.connections().get(0);
        assertThat(page.url()).isEqualTo("ws://127.0.0.1:8765/gql-ws");
        assertThat(page.requestId()).isEqualTo("20147.3");
        assertThat(page.status()).isEqualTo(101);
        assertThat(page.rejected()).isFalse();
        assertThat(page.subprotocol()).isEqualTo("graphql-ws");
        // requestHeadersText gives the handshake in wire order.
        assertThat(page.requestHeaders().list().get(0).name()).isEqualTo("Host");
        assertThat(page.requestHeaders().get("Origin")).contains("http://127.0.0.1:8765");
        assertThat(page.requestHeaders().get("Sec-WebSocket-Protocol")).contains("graphql-ws");
        assertThat(page.requestHeaders().get("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).contains("HeadlessChrome/156"));
        assertThat(page.responseHeaders().get("Sec-WebSocket-Accept")).contains("DjZpzEa6T+66tF3+PmsnHd8OwcI=");
        assertThat(page.closedMicros()).isNotNull();

        List<Frame> frames = capture.framesOf(page.id());
        assertThat(frames).extracting(Frame::direction).containsExactly(
                Direction.SENT, Direction.SENT, Direction.SENT,
                Direction.RECEIVED, Direction.RECEIVED, Direction.RECEIVED, Direction.RECEIVED, Direction.RECEIVED,
                Direction.RECEIVED, Direction.RECEIVED, Direction.SENT);
        assertThat(frames.get(0).text()).isEqualTo("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"tok-abc123\"}}");
        assertThat(frames.get(2).opcode()).isEqualTo(Opcode.BINARY);
        assertThat(frames.get(2).payload().bytes()).containsExactly(0x01, 0x02, 0x03, 0xfa, 0xfb, 0xfc);
        assertThat(frames.get(9).payload().bytes()).containsExactly(0x00, 0xff, 0x80, 0x07, 0x2a);
        assertThat(frames.get(5).message().type()).isEqualTo("data");
        assertThat(frames).extracting(Frame::seq).isSorted();
    }

    @Test
    void frameTimesFollowTheMonotonicClockAndGiveWallTimeFromTheAnchor() throws IOException {
        Capture capture = translate("127.0.0.1:8765");
        WsConnection page = capture.connections().get(0);
        List<Frame> frames = capture.framesOf(page.id());

        // Gaps are CDP's monotonic gaps, to the microsecond: handshake 5758.436366 -> first frame 5758.439287.
        assertThat(frames.get(0).timeMicros() - page.openedMicros()).isEqualTo(2921);
        assertThat(frames.get(1).timeMicros() - frames.get(0).timeMicros()).isEqualTo(29);
        // Wall time = anchor wall time + monotonic delta: within a millisecond of the handshake's own wallTime
        // (1795385890.907818 at monotonic 5758.436366), though the anchor is the first request's.
        Instant handshakeWall = capture.session().wallTime(page.openedMicros());
        Instant notesRule = Instant.ofEpochSecond(1795385890L, Math.round((HANDSHAKE_WALL_TIME - 1795385890L) * 1e9));
        assertThat(Math.abs(handshakeWall.toEpochMilli() - notesRule.toEpochMilli())).isLessThanOrEqualTo(1);
    }

    @Test
    void capturesTheSocketOpenedInADedicatedWorker() throws IOException {
        Capture capture = translate("127.0.0.1:8765");
        WsConnection worker = capture.connections().stream().filter(c -> c.requestId().equals("20147.6")).findFirst().orElseThrow();
        assertThat(worker.status()).isEqualTo(101);
        assertThat(capture.framesOf(worker.id())).extracting(Frame::text).containsExactly(
                "{\"type\":\"connection_init\",\"payload\":{\"from\":\"worker\"}}", "{\"type\":\"connection_ack\"}", "{\"type\":\"ka\"}");
    }

    @Test
    void capturesARefusedHandshakeWithTheStatusFromChromesErrorText() throws IOException {
        Capture capture = translate("127.0.0.1:8765");
        WsConnection refused = capture.connections().stream().filter(c -> c.url().endsWith("/forbidden")).findFirst().orElseThrow();
        assertThat(refused.rejected()).isTrue();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("Error during WebSocket handshake: Unexpected response code: 403");
        assertThat(refused.requestHeaders().get("Origin")).contains("http://127.0.0.1:8765");
        assertThat(refused.responseHeaders().isEmpty()).isTrue();
        assertThat(capture.framesOf(refused.id())).isEmpty();
    }

    @Test
    void capturesTheTokenPostWithBothBodiesAndTheRealHeaders() throws IOException {
        Capture capture = translate("127.0.0.1:8765");
        HttpExchange token = capture.exchanges().stream().filter(e -> e.url().endsWith("/token")).findFirst().orElseThrow();
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.requestBody().text()).isEqualTo("{\"user\":\"alice\",\"scope\":\"gql\",\"nonce\":42}");
        assertThat(token.responseBody().text()).isEqualTo("{\"token\":\"body-of-20147.2\"}");
        assertThat(token.status()).isEqualTo(200);
        // The ExtraInfo headers are the ones on the wire: Host and Origin are only there.
        assertThat(token.requestHeaders().get("Host")).contains("127.0.0.1:8765");
        assertThat(token.requestHeaders().get("Origin")).contains("http://127.0.0.1:8765");
        assertThat(token.responseHeaders().list().get(0).name()).isEqualTo("Content-Type");
        assertThat(token.responseHeaders().get("X-Server")).contains("spike");
        assertThat(token.endMicros()).isGreaterThanOrEqualTo(token.startMicros());
        assertThat(bodyRequests).contains("D3A118A6ED3D7BD11D2CCA2D6E9DD30B/20147.2");
        assertThat(done).extracting(HttpExchange::url).contains("http://127.0.0.1:8765/token");
    }

    @Test
    void keepsAFailedFetchWithItsStatusAndErrorAndIgnoresBlobUrls() throws IOException {
        Capture capture = translate("127.0.0.1");
        assertThat(capture.exchanges()).extracting(HttpExchange::url).noneMatch(u -> u.startsWith("blob:"));
        HttpExchange aborted = capture.exchanges().stream().filter(e -> e.url().contains("/done?")).findFirst().orElseThrow();
        assertThat(aborted.status()).isEqualTo(204);
        assertThat(aborted.error()).isEqualTo("net::ERR_ABORTED");
        assertThat(capture.exchanges()).hasSize(4);
        assertThat(capture.connections()).hasSize(3);
    }

    @Test
    void countsATargetReportedOnTwoSessionsOnce() throws IOException {
        Capture once = translate("127.0.0.1:8765");
        store.close();
        store = JdbcCaptureStore.open(StoreLocation.inMemory("translator-twice-" + System.nanoTime()));
        Capture twice = translate("127.0.0.1:8765", true);
        assertThat(twice.frames()).extracting(Frame::payload).containsExactlyElementsOf(once.frames().stream().map(Frame::payload).toList());
        assertThat(twice.connections()).hasSameSizeAs(once.connections());
        assertThat(twice.exchanges()).hasSameSizeAs(once.exchanges());
    }

    @Test
    void keepsNothingOfOtherHosts() throws IOException {
        Capture capture = translate("elsewhere.example");
        assertThat(capture.exchanges()).isEmpty();
        assertThat(capture.connections()).isEmpty();
        assertThat(capture.frames()).isEmpty();
        assertThat(bodyRequests).isEmpty();
    }
}
