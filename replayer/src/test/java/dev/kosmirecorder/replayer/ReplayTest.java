package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.store.jdbc.StoreLocation;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 1 and 6: the built-in fixture replayed per client, in both dialects, on two client stacks, and audited. */
@Timeout(120)
class ReplayTest {
    static final Capture ROOM = BuiltInFixtures.kosmiRoom();

    CaptureStore store;
    KosmiMock mock;

    @BeforeEach
    void start() {
        store = JdbcCaptureStore.open(StoreLocation.inMemory("replay-" + UUID.randomUUID()));
        mock = KosmiMock.builder().capture(ROOM).speed(0).auditStore(store).start();
    }

    @AfterEach
    void stop() {
        mock.close();
        store.close();
    }

    @Test
    void replaysEveryRecordedFrameWithTheClientsIdsInTheLegacyDialect() throws Exception {
        FixtureConversation conversation = new FixtureConversation(ROOM, Dialect.GRAPHQL_WS);
        assertThat(conversation.operationCount()).isGreaterThanOrEqualTo(6);
        try (JettySocket socket = JettySocket.connect(mock.wsUrl(), "https://app.kosmi.io", "graphql-ws")) {
            assertThat(socket.subprotocol()).isEqualTo("graphql-ws");
            int frames = conversation.play(socket);
            assertThat(frames).isGreaterThanOrEqualTo(20);
            socket.send("{\"type\":\"connection_terminate\"}");
            assertThat(socket.awaitEnd()).isEqualTo(new TestSocket.Closed(1000, "connection_terminate"));
        }
    }

    @Test
    void replaysALegacyRecordingToAGraphqlTransportWsClient() throws Exception {
        FixtureConversation conversation = new FixtureConversation(ROOM, Dialect.GRAPHQL_TRANSPORT_WS);
        try (JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-transport-ws")) {
            assertThat(socket.subprotocol()).isEqualTo("graphql-transport-ws");
            conversation.play(socket);
            socket.closeNormally();
            assertThat(socket.awaitEnd()).isInstanceOf(TestSocket.Closed.class);
        }
    }

    @Test
    void auditsTheAttemptWithItsHandshakeHeadersAndEveryFrameBothWays() throws Exception {
        FixtureConversation conversation = new FixtureConversation(ROOM, Dialect.GRAPHQL_WS);
        try (JettySocket socket = JettySocket.connect(mock.wsUrl(), "https://app.kosmi.io", "graphql-ws")) {
            conversation.play(socket);
            socket.send("{\"type\":\"connection_terminate\"}");
            socket.awaitEnd();
        }
        String session = mock.auditSessionId().orElseThrow();
        String instance = java.net.InetAddress.getLocalHost().getHostName() + ":" + mock.port();
        mock.close();
        assertThat(store.session(session).orElseThrow()).satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SessionKind.MOCK);
            assertThat(s.status()).isEqualTo(SessionStatus.COMPLETE);
            // The audit names the instance that wrote it, so a fleet's audits tell their mocks apart (SPEC §9).
            assertThat(s.name()).isEqualTo("mock of " + ROOM.session().name() + " on " + instance);
            assertThat(s.attributes()).containsEntry("mock.instance", instance);
        });
        List<WsConnection> connections = store.connections(session);
        assertThat(connections).hasSize(1);
        WsConnection c = connections.get(0);
        assertThat(c.status()).isEqualTo(101);
        assertThat(c.rejected()).isFalse();
        assertThat(c.subprotocol()).isEqualTo("graphql-ws");
        assertThat(c.requestHeaders().get("Origin")).contains("https://app.kosmi.io");
        assertThat(c.requestHeaders().get("Sec-WebSocket-Protocol")).contains("graphql-ws");
        assertThat(c.closeCode()).isEqualTo(1000);
        var frames = store.frames(FrameQuery.firstPage(session, 1000)).frames();
        long sent = frames.stream().filter(f -> f.direction() == Direction.SENT).count();
        long received = frames.stream().filter(f -> f.direction() == Direction.RECEIVED).count();
        // init + starts + stops + terminate from the client; everything the server said, keep-alives included.
        assertThat(sent).isEqualTo(1 + conversation.starts.size() + conversation.stops.size() + 1);
        assertThat(received).isGreaterThanOrEqualTo(2 + conversation.expected.values().stream().mapToInt(List::size).sum());
        assertThat(frames).filteredOn(f -> f.direction() == Direction.SENT).first()
                .satisfies(f -> assertThat(f.message().type()).isEqualTo("connection_init"));
        assertThat(frames).anySatisfy(f -> assertThat(f.message().operationName()).isEqualTo("NewMessageSubscription"));
    }

    @Test
    void auditsTheCloseTheMockSentWhenTheClientHangsUpWithoutAnsweringIt() throws Exception {
        int sent = RawHandshake.sendThenAbortOnClose(mock.wsUrl(), "{\"type\":\"connection_terminate\"}");
        assertThat(sent).isEqualTo(1000);
        String session = mock.auditSessionId().orElseThrow();
        mock.close();
        WsConnection c = store.connections(session).get(0);
        assertThat(c.closeCode()).isEqualTo(1000);
        assertThat(c.closeReason()).isEqualTo("connection_terminate");
    }

    @Test
    void anOperationOfThirtyThousandFramesReplaysCompletelyAtSpeedZeroToAClientThatReadsAsItCan() throws Exception {
        // More frames than a client's outbox may hold (10,000): the replay waits for the client instead of cutting it off.
        Capture history = SyntheticKosmiRoom.historyBurst(1, 30_000);
        FixtureConversation conversation = new FixtureConversation(history, Dialect.GRAPHQL_WS);
        try (KosmiMock burst = KosmiMock.builder().capture(history).speed(0).start();
             JdkSocket socket = JdkSocket.connect(burst.wsUrl(), "graphql-ws")) {
            assertThat(conversation.play(socket)).isGreaterThanOrEqualTo(30_000);
            socket.send("{\"type\":\"connection_terminate\"}");
            assertThat(socket.awaitEnd()).isEqualTo(new TestSocket.Closed(1000, "connection_terminate"));
        }
    }

    @Test
    void anUnmatchedOperationGetsAnErrorNamingItAndListingTheRecordedOnes() throws Exception {
        try (JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
            socket.send("{\"type\":\"connection_init\",\"payload\":{}}");
            assertThat(FixtureConversation.nextProtocolFrame(socket)).isEqualTo("{\"type\":\"connection_ack\",\"payload\":{}}");
            socket.send("{\"type\":\"start\",\"id\":\"x\",\"payload\":{\"query\":\"query Nope { nope }\"}}");
            var error = FixtureConversation.parse(FixtureConversation.nextProtocolFrame(socket));
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("id").asText()).isEqualTo("x");
            assertThat(error.path("payload").path("message").asText())
                    .startsWith("kosmi-recorder mock: no recorded operation matches 'Nope'; the recording has: ExtendedCurrentUserQuery, JoinRoom")
                    .contains("NewMessageSubscription");
        }
    }

    @Test
    void matchesAnOperationByItsQueryWhenTheNameDiffers() throws Exception {
        try (JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-transport-ws")) {
            socket.send("{\"type\":\"connection_init\",\"payload\":{}}");
            FixtureConversation.nextProtocolFrame(socket);
            socket.send("{\"type\":\"subscribe\",\"id\":\"q\",\"payload\":{\"query\":\"mutation   Other { joinRoom(id: \\\"@x\\\") { ok } }\"}}");
            var next = FixtureConversation.parse(FixtureConversation.nextProtocolFrame(socket));
            assertThat(next.path("type").asText()).isEqualTo("next");
            assertThat(next.path("payload").path("data").has("joinRoom")).isTrue();
        }
    }

    @Test
    void keepAlivesFollowTheRecordedIntervalScaledBySpeed() throws Exception {
        // The fixture's ka come every 10 s; at speed 0.01 that is every 100 ms.
        try (KosmiMock fast = KosmiMock.builder().capture(ROOM).speed(0.01).start();
             JdkSocket legacy = JdkSocket.connect(fast.wsUrl(), "graphql-ws");
             JdkSocket newer = JdkSocket.connect(fast.wsUrl(), "graphql-transport-ws")) {
            legacy.send("{\"type\":\"connection_init\",\"payload\":{}}");
            assertThat(legacy.nextText()).contains("connection_ack");
            for (int i = 0; i < 3; i++) {
                assertThat(legacy.nextText()).isEqualTo("{\"type\":\"ka\"}");
            }
            newer.send("{\"type\":\"connection_init\",\"payload\":{}}");
            assertThat(newer.nextText()).contains("connection_ack");
            assertThat(newer.nextText()).isEqualTo("{\"type\":\"ping\"}");
            newer.send("{\"type\":\"ping\"}");
            String next = newer.nextText();
            while (next.equals("{\"type\":\"ping\"}")) {
                next = newer.nextText();
            }
            assertThat(next).isEqualTo("{\"type\":\"pong\"}");
        }
    }
}
