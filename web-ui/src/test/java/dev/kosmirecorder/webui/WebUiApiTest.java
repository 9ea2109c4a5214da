package dev.kosmirecorder.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.format.HarCodec;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The JSON API and the request guard, over real HTTP. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private CaptureStore store;
    private WebUi ui;
    private String roomId;
    private String refusedId;

    @BeforeAll
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("webui-api-" + UUID.randomUUID()));
        refusedId = store.save(BuiltInFixtures.handshake403());
        roomId = store.save(BuiltInFixtures.kosmiRoom());
        ui = WebUi.start(store, 0);
    }

    @AfterAll
    void stop() {
        ui.close();
        store.close();
    }

    @Test
    void listsSessionsNewestFirstInTheCliShape() throws Exception {
        JsonNode sessions = getJson("api/sessions");
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).path("startedAt").asText()).isGreaterThanOrEqualTo(sessions.get(1).path("startedAt").asText());
        JsonNode room = find(sessions, roomId);
        assertThat(room.path("kind").asText()).isEqualTo("recording");
        assertThat(room.path("frames").asLong()).isEqualTo(store.summary(roomId).orElseThrow().frames());
        assertThat(room.has("durationMillis")).isTrue();
    }

    @Test
    void filtersFramesByOperationAndPagesByKeyset() throws Exception {
        JsonNode page = getJson("api/sessions/" + roomId + "/frames?operation=NewMessageSubscription&limit=3");
        assertThat(page.path("frames")).hasSize(3)
                .allSatisfy(f -> assertThat(f.path("operation").asText()).isEqualTo("NewMessageSubscription"));
        long next = page.path("next").asLong();
        assertThat(next).isEqualTo(page.path("frames").get(2).path("seq").asLong());
        JsonNode second = getJson("api/sessions/" + roomId + "/frames?operation=NewMessageSubscription&limit=3&after=" + next);
        assertThat(second.path("frames").get(0).path("seq").asLong()).isGreaterThan(next);
    }

    @Test
    void oneFrameComesPrettyPrinted() throws Exception {
        JsonNode frame = getJson("api/sessions/" + roomId + "/frames/2");
        assertThat(frame.path("payload").path("encoding").asText()).isEqualTo("text");
        assertThat(frame.path("payload").path("pretty").asText()).contains("\n  \"type\": \"connection_ack\"");
    }

    @Test
    void refusesAHostThatIsNotLoopback() throws Exception {
        String answer = rawRequest("GET /api/sessions HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403").contains("not a loopback name").doesNotContain(roomId);
        assertThat(rawRequest("GET /api/sessions HTTP/1.1\r\nHost: localhost:" + ui.port() + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200").contains(roomId);
    }

    @Test
    void refusesACrossOriginDelete() throws Exception {
        String victim = store.save(BuiltInFixtures.handshake403());
        HttpResponse<String> evil = http.send(HttpRequest.newBuilder(URI.create(ui.url() + "api/sessions/" + victim))
                .DELETE().header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.body()).contains("must come from the UI's own page");
        HttpResponse<String> noOrigin = http.send(HttpRequest.newBuilder(URI.create(ui.url() + "api/sessions/" + victim))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(store.session(victim)).isPresent();

        HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create(ui.url() + "api/sessions/" + victim))
                .DELETE().header("Origin", "http://127.0.0.1:" + ui.port()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(204);
        assertThat(store.session(victim)).isEmpty();
    }

    @Test
    void everyAnswerCarriesAPolicyThatForbidsInlineScript() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(ui.url())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContainPattern("<script>[^<]");
    }

    @Test
    void unknownSessionIsAOneSentence404() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ui.url() + "api/sessions/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(r.body()).path("error").asText()).isEqualTo("no session with id 'nope'; the sessions list at / shows the ids");
    }

    @Test
    void exportsAFixtureOrHarWithTokensRedactedUnlessSecretsAreAsked() throws Exception {
        HttpResponse<String> redacted = get("api/sessions/" + roomId + "/export?format=fixture");
        assertThat(redacted.statusCode()).isEqualTo(200);
        assertThat(redacted.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment").contains(roomId);
        String token = dev.kosmirecorder.core.jwt.Jwt.findIn(BuiltInFixtures.kosmiRoom().exchanges().get(0).responseBody().text()).orElseThrow().raw();
        assertThat(redacted.body()).doesNotContain(token).contains(".REDACTED");
        assertThat(FixtureCodec.read(redacted.body(), "export").frames()).hasSameSizeAs(BuiltInFixtures.kosmiRoom().frames());

        HttpResponse<String> secrets = get("api/sessions/" + roomId + "/export?format=fixture&secrets=true");
        assertThat(secrets.body()).isEqualTo(FixtureCodec.write(BuiltInFixtures.kosmiRoom()));

        HttpResponse<String> har = get("api/sessions/" + roomId + "/export?format=har");
        assertThat(har.statusCode()).isEqualTo(200);
        assertThat(har.headers().firstValue("Content-Disposition").orElseThrow()).contains(roomId + ".har");
        assertThat(har.body()).doesNotContain(token).contains(".REDACTED");
        assertThat(HarCodec.read(new ByteArrayInputStream(har.body().getBytes(StandardCharsets.UTF_8)), "download").frames())
                .hasSameSizeAs(BuiltInFixtures.kosmiRoom().frames());

        HttpResponse<String> unknown = get("api/sessions/" + roomId + "/export?format=pcap");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("cannot export as 'pcap'; format must be one of fixture|har");
    }

    @Test
    void comparesConnectionsOfTwoSessions() throws Exception {
        JsonNode diff = getJson("api/compare?a=" + roomId + ":1&b=" + refusedId + ":1");
        assertThat(diff.path("a").path("sessionId").asText()).isEqualTo(roomId);
        assertThat(diff.path("b").path("sessionId").asText()).isEqualTo(refusedId);
        assertThat(diff.path("requestHeaders")).isNotEmpty().allSatisfy(row ->
                assertThat(row.path("state").asText()).isIn("same", "differs", "missing-a", "missing-b"));
        HttpResponse<String> bad = get("api/compare?a=" + roomId + "&b=" + refusedId + ":1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("parameter a must name a connection as SESSION:CONNECTION");
        assertThat(get("api/compare?a=" + roomId + ":99&b=" + refusedId + ":1").body()).contains("no connection 99 in session " + roomId);
    }

    @Test
    void refusesBadFrameParametersWithTheirName() throws Exception {
        HttpResponse<String> r = get("api/sessions/" + roomId + "/frames?direction=sideways");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("bad direction 'sideways': use sent or received");
        assertThat(get("api/sessions/" + roomId + "/frames?limit=5000").body()).contains("bad limit '5000': expected a whole number from 1 to 1000");
    }

    @Test
    void pagesBackBeforeASeqAndSaysWhetherThePageIsTheFirst() throws Exception {
        String id = store.save(TestCaptures.manyFrames(120));
        try {
            String frames = "api/sessions/" + id + "/frames?";
            JsonNode back = getJson(frames + "before=77&limit=50");
            assertThat(seqs(back)).containsExactlyElementsOf(range(27, 76, 1));
            assertThat(back.path("next").asLong()).isEqualTo(76);
            assertThat(back.path("atStart").asBoolean()).isFalse();

            JsonNode sent = getJson(frames + "direction=sent&before=77&limit=10");
            assertThat(seqs(sent)).containsExactlyElementsOf(range(57, 75, 2));
            JsonNode toTheStart = getJson(frames + "before=27&limit=50");
            assertThat(seqs(toTheStart)).as("fewer than a page before 27: the first page").containsExactlyElementsOf(range(1, 50, 1));
            assertThat(toTheStart.path("atStart").asBoolean()).isTrue();
            assertThat(getJson(frames + "before=51&limit=50").path("atStart").asBoolean()).as("exactly the first page").isTrue();
            assertThat(seqs(getJson(frames + "text=%22n%22:3&before=40&limit=5"))).containsExactly(35L, 36L, 37L, 38L, 39L);
            assertThat(seqs(getJson(frames + "text=%22n%22:3&before=33&limit=5"))).as("the first page: 3, then 30 on")
                    .containsExactly(3L, 30L, 31L, 32L, 33L);

            assertThat(getJson(frames + "limit=5").path("atStart").asBoolean()).isTrue();
            assertThat(getJson(frames + "limit=5&after=5").path("atStart").asBoolean()).isFalse();
            HttpResponse<String> both = get(frames + "after=3&before=9");
            assertThat(both.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(both.body()).path("error").asText())
                    .isEqualTo("give after or before, not both: after pages forward, before pages back");
        } finally {
            store.delete(id);
        }
    }

    @Test
    void seeksTheFirstFrameAtOrAfterATime() throws Exception {
        String id = store.save(TestCaptures.manyFrames(3000));
        try {
            String seek = "api/sessions/" + id + "/seek?t=";
            assertThat(getJson(seek + "12500").path("seq").asLong()).isEqualTo(50);
            assertThat(getJson(seek + "12400.5").path("seq").asLong()).isEqualTo(50);
            assertThat(getJson(seek + "0").path("seq").asLong()).isEqualTo(1);
            JsonNode late = getJson(seek + "700000");
            assertThat(late.path("seq").asLong()).isEqualTo(2800);
            assertThat(late.path("t").decimalValue()).isEqualByComparingTo("700000");
            HttpResponse<String> after = get(seek + "750001");
            assertThat(after.statusCode()).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(after.body()).path("error").asText()).isEqualTo("no frame at or after 750001 ms in session " + id);
            HttpResponse<String> bad = get(seek + "soon");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(bad.body()).path("error").asText())
                    .isEqualTo("bad t 'soon': expected milliseconds since the session start, 0 or more");
        } finally {
            store.delete(id);
        }
    }

    private static java.util.List<Long> seqs(JsonNode page) {
        java.util.List<Long> seqs = new java.util.ArrayList<>();
        page.path("frames").forEach(f -> seqs.add(f.path("seq").asLong()));
        return seqs;
    }

    private static java.util.List<Long> range(long from, long to, long step) {
        java.util.List<Long> r = new java.util.ArrayList<>();
        for (long n = from; n <= to; n += step) {
            r.add(n);
        }
        return r;
    }

    @Test
    void refusesToDeleteASessionStillRecording() throws Exception {
        String live = store.createSession(Session.start(SessionKind.RECORDING, "live", "", Instant.parse("2026-11-03T00:00:00Z"))).id();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ui.url() + "api/sessions/" + live))
                .DELETE().header("Origin", "http://127.0.0.1:" + ui.port()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("is still recording; stop the recorder before deleting it");
        assertThat(store.session(live)).isPresent();
        store.delete(live);
    }

    @Test
    void bindsOnlyToALoopbackAddress() {
        assertThatThrownBy(() -> WebUi.start(store, "0.0.0.0", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binds only to a loopback address");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(ui.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ui.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static JsonNode find(JsonNode sessions, String id) {
        for (JsonNode s : sessions) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no session " + id + " in " + sessions);
    }

    /** java.net.http will not send a Host of our choosing, so the DNS-rebinding request goes over a plain socket. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ui.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
