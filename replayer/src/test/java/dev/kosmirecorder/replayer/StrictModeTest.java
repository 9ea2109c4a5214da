package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 3 (strict mode) and 6 (refused attempts in the audit). */
@Timeout(60)
class StrictModeTest {
    static final Capture ROOM = BuiltInFixtures.kosmiRoom();
    static final String ORIGIN = "https://app.kosmi.io";

    CaptureStore store;
    KosmiMock mock;

    @BeforeEach
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("strict-" + UUID.randomUUID()));
        mock = KosmiMock.builder().capture(ROOM).speed(0).strict(true).auditStore(store).start();
    }

    @AfterEach
    void stop() {
        mock.close();
        store.close();
    }

    @Test
    void strictModeRejectsMissingOriginWithTheReasonHeaderAndBody() throws Exception {
        RawHandshake r = RawHandshake.attempt(mock.wsUrl(), Map.of("Sec-WebSocket-Protocol", "graphql-ws"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().get("x-kosmi-mock-reason"))
                .isEqualTo("Origin header missing: strict mode requires Origin https://app.kosmi.io, as a browser on it sends");
        var body = FixtureConversation.parse(r.body());
        assertThat(body.path("reasons").get(0).asText()).startsWith("Origin header missing");
        assertThat(body.path("reasons")).hasSize(1);

        mock.flushAudit();
        List<WsConnection> attempts = store.connections(mock.auditSessionId().orElseThrow());
        assertThat(attempts).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(403);
            assertThat(c.rejected()).isTrue();
            assertThat(c.error()).startsWith("Origin header missing");
            assertThat(c.requestHeaders().get("Sec-WebSocket-Protocol")).contains("graphql-ws");
            assertThat(c.requestHeaders().contains("Origin")).isFalse();
        });
    }

    @Test
    void strictModeRejectsAWrongOrMissingSubprotocol() throws Exception {
        RawHandshake missing = RawHandshake.attempt(mock.wsUrl(), Map.of("Origin", ORIGIN));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.headers().get("x-kosmi-mock-reason")).startsWith("Sec-WebSocket-Protocol missing");
        RawHandshake wrong = RawHandshake.attempt(mock.wsUrl(), Map.of("Origin", ORIGIN, "Sec-WebSocket-Protocol", "graphql"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.headers().get("x-kosmi-mock-reason"))
                .isEqualTo("Sec-WebSocket-Protocol 'graphql' is not spoken here: ask for graphql-ws (or graphql-transport-ws)");
        RawHandshake both = RawHandshake.attempt(mock.wsUrl(), Map.of("Origin", "https://evil.example"));
        assertThat(FixtureConversation.parse(both.body()).path("reasons")).hasSize(2);
    }

    @Test
    void strictModeAnswersABadTokenWithConnectionError() throws Exception {
        try (JettySocket socket = JettySocket.connect(mock.wsUrl(), ORIGIN, "graphql-ws")) {
            socket.send("{\"type\":\"connection_init\",\"payload\":{\"token\":\"eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ4In0.bad\"}}");
            var error = FixtureConversation.parse(socket.nextText());
            assertThat(error.path("type").asText()).isEqualTo("connection_error");
            assertThat(error.path("payload").path("message").asText())
                    .isEqualTo("the token was not issued by this mock run and is not the recorded one; get a fresh one from POST /");
            assertThat(socket.awaitEnd()).isInstanceOf(TestSocket.Closed.class)
                    .extracting(e -> ((TestSocket.Closed) e).code()).isEqualTo(4403);
        }
    }

    @Test
    void strictModeClosesWith4403ForABadTokenInTheNewerDialect() throws Exception {
        try (JdkSocket socket = JdkSocket.connect(mock.wsUrl(), Map.of("Origin", ORIGIN), "graphql-transport-ws")) {
            socket.send("{\"type\":\"connection_init\",\"payload\":{}}");
            TestSocket.Event end = socket.awaitEnd();
            assertThat(end).isInstanceOf(TestSocket.Closed.class);
            assertThat(((TestSocket.Closed) end).code()).isEqualTo(4403);
            assertThat(((TestSocket.Closed) end).reason()).startsWith("Forbidden: connection_init carries no token");
        }
    }

    @Test
    void strictModeAcksATokenTheMockIssuedAndTheRecordedOne() throws Exception {
        String issued = Http.anonToken(mock);
        String recorded = HttpReplayTest.RECORDED_TOKEN;
        for (String token : List.of(issued, recorded)) {
            try (JettySocket socket = JettySocket.connect(mock.wsUrl(), ORIGIN, "graphql-ws")) {
                socket.send("{\"type\":\"connection_init\",\"payload\":{\"token\":\"" + token + "\"}}");
                assertThat(socket.nextText()).isEqualTo("{\"type\":\"connection_ack\",\"payload\":{}}");
            }
        }
    }
}
