package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 3: each {@code --fault} does what it says. */
@Timeout(60)
class FaultsTest {
    static final Capture ROOM = BuiltInFixtures.kosmiRoom();
    static final String INIT = "{\"type\":\"connection_init\",\"payload\":{}}";
    static final String START = "{\"type\":\"start\",\"id\":\"1\",\"payload\":{\"operationName\":\"ExtendedCurrentUserQuery\","
            + "\"query\":\"query ExtendedCurrentUserQuery { currentUser { id } }\"}}";

    static KosmiMock mock(String fault) {
        return KosmiMock.builder().capture(ROOM).speed(0).fault(Fault.parse(fault)).start();
    }

    @Test
    void rejectUpgradeRefusesEveryHandshake() throws Exception {
        try (KosmiMock mock = mock("reject-upgrade")) {
            RawHandshake r = RawHandshake.attempt(mock.wsUrl(),
                    Map.of("Origin", "https://app.kosmi.io", "Sec-WebSocket-Protocol", "graphql-ws"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.headers().get("x-kosmi-mock-reason")).isEqualTo("fault reject-upgrade is on: the mock refuses every WebSocket upgrade");
        }
    }

    @Test
    void closeAfterClosesOnceTheServerHasSentThatManyFrames() throws Exception {
        try (KosmiMock mock = mock("close-after=3"); JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
            socket.send(INIT);
            assertThat(socket.nextText()).contains("connection_ack");
            assertThat(socket.nextText()).isEqualTo("{\"type\":\"ka\"}");
            socket.send(START);
            assertThat(socket.nextText()).contains("\"type\":\"data\"");
            assertThat(socket.nextEvent()).isEqualTo(new TestSocket.Closed(1011, "fault close-after=3"));
        }
    }

    @Test
    void dropAfterAbortsTheConnectionWithoutACloseFrame() throws Exception {
        try (KosmiMock mock = mock("drop-after=2"); JettySocket socket = JettySocket.connect(mock.wsUrl(), null, "graphql-ws")) {
            // The server may drop the connection before the client's write is confirmed.
            socket.sendQuietly(INIT);
            assertThat(socket.nextText()).contains("connection_ack");
            assertThat(socket.nextText()).isEqualTo("{\"type\":\"ka\"}");
            TestSocket.Event end = socket.awaitEnd();
            // No close frame came: Jetty reports the abnormal end as 1006.
            assertThat(end).isInstanceOfAny(TestSocket.Closed.class, TestSocket.Failed.class);
            if (end instanceof TestSocket.Closed closed) {
                assertThat(closed.code()).isEqualTo(1006);
            }
        }
    }

    @Test
    void delayHoldsBackEveryServerFrame() throws Exception {
        try (KosmiMock mock = mock("delay=400"); JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
            long sent = System.nanoTime();
            socket.send(INIT);
            assertThat(socket.nextText()).contains("connection_ack");
            assertThat((System.nanoTime() - sent) / 1_000_000).isGreaterThanOrEqualTo(400);
            assertThat(socket.nextText()).isEqualTo("{\"type\":\"ka\"}");
        }
    }

    @Test
    void slowAckDelaysTheAcknowledgement() throws Exception {
        try (KosmiMock mock = mock("slow-ack=500"); JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
            long sent = System.nanoTime();
            socket.send(INIT);
            assertThat(socket.nextText()).contains("connection_ack");
            assertThat((System.nanoTime() - sent) / 1_000_000).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void secretMismatchMakesTheWebSocketSideRefuseTokensFromPost() throws Exception {
        try (KosmiMock mock = mock("secret-mismatch"); JdkSocket socket = JdkSocket.connect(mock.wsUrl(), "graphql-ws")) {
            String token = Http.anonToken(mock);
            socket.send("{\"type\":\"connection_init\",\"payload\":{\"token\":\"" + token + "\"}}");
            var error = FixtureConversation.parse(socket.nextText());
            assertThat(error.path("type").asText()).isEqualTo("connection_error");
            assertThat(socket.awaitEnd()).isEqualTo(new TestSocket.Closed(4403,
                    "Forbidden: the token was not issued by this mock run and is not the recorded one; get a fresh one from POST /"));
        }
    }

    @Test
    void slowAckHoldsBackALegacyStartSentBeforeTheAckAndRefusesAnEarlySubscribe() throws Exception {
        try (KosmiMock mock = mock("slow-ack=300"); JdkSocket legacy = JdkSocket.connect(mock.wsUrl(), "graphql-ws");
             JdkSocket newer = JdkSocket.connect(mock.wsUrl(), "graphql-transport-ws")) {
            legacy.send(INIT);
            legacy.send(START);
            assertThat(legacy.nextText()).contains("connection_ack");
            assertThat(legacy.nextText()).isEqualTo("{\"type\":\"ka\"}");
            assertThat(legacy.nextText()).contains("\"type\":\"data\"");
            newer.send(INIT);
            newer.send(START.replace("\"start\"", "\"subscribe\""));
            assertThat(newer.awaitEnd()).isEqualTo(new TestSocket.Closed(4401, "Unauthorized: wait for connection_ack before subscribe"));
        }
    }

    @Test
    void faultSyntaxErrorsSayWhatToWrite() {
        assertThatThrownBy(() -> Fault.parse("close-after")).hasMessage("fault close-after needs a value: use close-after=N");
        assertThatThrownBy(() -> Fault.parse("explode")).hasMessageStartingWith("unknown fault 'explode': use one of reject-upgrade");
        assertThat(Fault.parse("delay=250")).isEqualTo(new Fault(Fault.Kind.DELAY, 250));
    }
}
