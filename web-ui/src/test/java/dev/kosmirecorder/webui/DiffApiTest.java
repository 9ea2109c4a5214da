package dev.kosmirecorder.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.testing.MillionFrames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/diff} over real HTTP: the same document as {@code diff --json}. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private CaptureStore store;
    private WebUi ui;
    private String roomId;
    private String nextId;

    @BeforeAll
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("webui-diff-" + UUID.randomUUID()));
        roomId = store.save(DiffCaptures.room());
        nextId = store.save(DiffCaptures.nextRelease());
        ui = WebUi.start(store, 0);
    }

    @AfterAll
    void stop() {
        ui.close();
        store.close();
    }

    @Test
    void namesEachChangeBetweenTwoSessions() throws Exception {
        HttpResponse<String> r = get("api/diff?a=" + roomId + "&b=" + nextId);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = Json.MAPPER.readTree(r.body());
        assertThat(report.get("diffFormat").asInt()).isEqualTo(1);
        assertThat(report.get("identical").asBoolean()).isFalse();
        assertThat(report.get("changes").findValuesAsText("path")).containsExactly(
                "operations.JoinRoom.result.data.joinRoom[\"" + DiffCaptures.HOSTILE_FIELD + "\"]",
                "handshake.response.x-kosmi-release",
                "connection.init.v");
        assertThat(report.at("/a/label").asText()).startsWith("session " + roomId);
    }

    @Test
    void sessionComparedWithItselfIsIdentical() throws Exception {
        JsonNode report = Json.MAPPER.readTree(get("api/diff?a=" + roomId + "&b=" + roomId).body());

        assertThat(report.get("identical").asBoolean()).isTrue();
        assertThat(report.get("changes")).isEmpty();
        assertThat(report.get("operations").findValuesAsText("name")).contains("JoinRoom", "RoomChatQuery");
    }

    @Test
    void ignoreParametersLeaveChangesOut() throws Exception {
        JsonNode report = Json.MAPPER.readTree(get("api/diff?a=" + roomId + "&b=" + nextId
                + "&ignore=connection.init.v&ignore=handshake&ignore=operations.JoinRoom").body());

        assertThat(report.get("identical").asBoolean()).isTrue();
        assertThat(report.get("ignoredCount").asInt()).isEqualTo(3);
    }

    @Test
    void readsLongSessionsPageByPage() throws Exception {
        String a = MillionFrames.fill(store, 2_500);
        String b = MillionFrames.fill(store, 2_500);

        JsonNode report = Json.MAPPER.readTree(get("api/diff?a=" + a + "&b=" + b).body());

        assertThat(report.get("identical").asBoolean()).isTrue();
        assertThat(report.at("/a/frames").asLong()).isEqualTo(2_500);
        assertThat(report.at("/b/frames").asLong()).isEqualTo(2_500);
        assertThat(report.get("operations").findValuesAsText("name")).containsExactlyInAnyOrder(MillionFrames.OPERATIONS);
    }

    @Test
    void unknownOrMissingSessionsAreClearErrors() throws Exception {
        HttpResponse<String> unknown = get("api/diff?a=" + roomId + "&b=nosuch");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).get("error").asText()).startsWith("no session with id 'nosuch'");

        HttpResponse<String> missing = get("api/diff?a=" + roomId);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(missing.body()).get("error").asText()).startsWith("parameter b must name a session");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ui.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
