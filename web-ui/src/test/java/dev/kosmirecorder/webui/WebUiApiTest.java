package dev.kosmirecorder.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.JdbcCaptureStore;
import dev.kosmirecorder.core.store.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
