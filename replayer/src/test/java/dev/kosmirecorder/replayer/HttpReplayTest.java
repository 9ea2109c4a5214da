package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code POST /}: replay by operation, the mock's own tokens, unknown operations, CORS, and the audit of each exchange. */
@Timeout(60)
class HttpReplayTest {
    static final Capture ROOM = BuiltInFixtures.kosmiRoom();
    static final String RECORDED_TOKEN = Jwt.findIn(ROOM.exchanges().get(0).responseBody().text()).orElseThrow().raw();

    @Test
    void answersTheTokenRequestWithATokenTheMockSigned() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(ROOM).start()) {
            HttpResponse<String> r = Http.post(mock.url(), Http.ANON_LOGIN);
            assertThat(r.statusCode()).isEqualTo(200);
            Jwt token = Jwt.decode(FixtureConversation.parse(r.body()).path("data").path("anonLogin").path("token").asText());
            Jwt recorded = Jwt.decode(RECORDED_TOKEN);
            assertThat(token.raw()).isNotEqualTo(recorded.raw());
            assertThat(token.algorithm()).contains("HS512");
            assertThat(token.claim("aud")).contains("kosmi");
            assertThat(token.claim("iss")).contains("kosmi");
            assertThat(token.claim("typ")).contains("access");
            assertThat(token.claim("sub")).isNotEqualTo(recorded.claim("sub"));
            assertThat(token.claim("jti")).isPresent().isNotEqualTo(recorded.claim("jti"));
            assertThat(token.claims().fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(() -> recorded.claims().fieldNames());
            assertThat(token.expiresAt().orElseThrow()).isAfter(Instant.now().plus(Duration.ofDays(360)));
            assertThat(r.body().replace(token.raw(), RECORDED_TOKEN)).isEqualTo(ROOM.exchanges().get(0).responseBody().text());
        }
    }

    @Test
    void recordedTokenOptionAnswersWithTheRecordedToken() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(ROOM).recordedToken(true).start()) {
            assertThat(Http.post(mock.url(), Http.ANON_LOGIN).body()).isEqualTo(ROOM.exchanges().get(0).responseBody().text());
        }
    }

    @Test
    void matchesByNormalisedQueryWhenThereIsNoOperationName() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(ROOM).start()) {
            HttpResponse<String> r = Http.post(mock.url(), "{\"query\":\"mutation {\\n  anonLogin {\\n token user { id displayName } } }\"}");
            assertThat(FixtureConversation.parse(r.body()).path("data").path("anonLogin").has("token")).isTrue();
        }
    }

    @Test
    void anUnknownOperationGetsAGraphQlErrorListingTheRecordedOnes() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(ROOM).start()) {
            HttpResponse<String> r = Http.post(mock.url(), "{\"operationName\":\"SlackLogin\",\"query\":\"mutation SlackLogin { slackLogin { token } }\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(FixtureConversation.parse(r.body()).path("errors").get(0).path("message").asText())
                    .isEqualTo("kosmi-recorder mock: no recorded exchange matches operation 'SlackLogin'; the recording has: AnonLogin");
            HttpResponse<String> bad = Http.post(mock.url(), "not json");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("request body is not a JSON object");
        }
    }

    @Test
    void answersCorsPreflightAndEchoesTheOriginUnlessStrict() throws Exception {
        try (KosmiMock lenient = KosmiMock.builder().capture(ROOM).start();
             KosmiMock strict = KosmiMock.builder().capture(ROOM).strict(true).start()) {
            HttpResponse<Void> preflight = Http.CLIENT.send(HttpRequest.newBuilder(lenient.url())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:3000")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST, OPTIONS");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type");
            assertThat(Http.post(lenient.url(), Http.ANON_LOGIN, "Origin", "http://localhost:3000").headers()
                    .firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
            assertThat(Http.post(strict.url(), Http.ANON_LOGIN, "Origin", "http://localhost:3000").headers()
                    .firstValue("Access-Control-Allow-Origin")).contains("https://app.kosmi.io");
        }
    }

    @Test
    void auditsEachPostAsAnExchange() throws Exception {
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("http-" + UUID.randomUUID()))) {
            String session;
            try (KosmiMock mock = KosmiMock.builder().capture(ROOM).auditStore(store).start()) {
                Http.post(mock.url(), Http.ANON_LOGIN, "Origin", "https://app.kosmi.io");
                session = mock.auditSessionId().orElseThrow();
            }
            assertThat(store.exchanges(session)).singleElement().satisfies(e -> {
                assertThat(e.method()).isEqualTo("POST");
                assertThat(e.status()).isEqualTo(200);
                assertThat(e.requestHeaders().get("Origin")).contains("https://app.kosmi.io");
                assertThat(e.requestBody().text()).isEqualTo(Http.ANON_LOGIN);
                assertThat(e.responseBody().text()).contains("anonLogin");
            });
        }
    }

    @Test
    void healthAndConnectionsAnswerJson() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(ROOM).start();
             JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
            HttpResponse<String> health = Http.CLIENT.send(HttpRequest.newBuilder(mock.url("/__admin/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");
            socket.send("{\"type\":\"connection_init\",\"payload\":{}}");
            FixtureConversation.nextProtocolFrame(socket);
            HttpResponse<String> live = Http.CLIENT.send(HttpRequest.newBuilder(mock.url("/__admin/connections")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(FixtureConversation.parse("{\"list\":" + live.body() + "}").path("list").get(0).path("subprotocol").asText())
                    .isEqualTo("graphql-ws");
        }
    }
}
