package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPEC §9: mocks given one secret accept each other's tokens in strict mode; mocks with their own secrets do not. */
@Timeout(60)
class SharedSecretTest {
    static final Capture ROOM = BuiltInFixtures.kosmiRoom();
    static final String ORIGIN = "https://app.kosmi.io";
    static final String SECRET = "a fleet's secret, 16+ chars";

    @Test
    void aTokenFromOneInstanceIsGoodOnAnotherWithTheSameSecret() throws Exception {
        try (KosmiMock a = KosmiMock.builder().capture(ROOM).speed(0).strict(true).tokenSecret(SECRET).start();
             KosmiMock b = KosmiMock.builder().capture(ROOM).speed(0).strict(true).tokenSecret(SECRET).start()) {
            String fromA = Http.anonToken(a);
            try (JettySocket socket = JettySocket.connect(b.wsUrl(), ORIGIN, "graphql-ws")) {
                socket.send("{\"type\":\"connection_init\",\"payload\":{\"token\":\"" + fromA + "\"}}");
                assertThat(socket.nextText()).isEqualTo("{\"type\":\"connection_ack\",\"payload\":{}}");
            }
        }
    }

    @Test
    void withoutASharedSecretEachInstanceRefusesTheOthersTokens() throws Exception {
        try (KosmiMock a = KosmiMock.builder().capture(ROOM).speed(0).strict(true).tokenSecret(SECRET).start();
             KosmiMock b = KosmiMock.builder().capture(ROOM).speed(0).strict(true).start()) {
            String fromA = Http.anonToken(a);
            try (JettySocket socket = JettySocket.connect(b.wsUrl(), ORIGIN, "graphql-ws")) {
                socket.send("{\"type\":\"connection_init\",\"payload\":{\"token\":\"" + fromA + "\"}}");
                assertThat(FixtureConversation.parse(socket.nextText()).path("type").asText()).isEqualTo("connection_error");
            }
        }
    }

    @Test
    void aShortSecretIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> KosmiMock.builder().tokenSecret("hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the shared token secret must be at least 16 characters long, so a token cannot be forged by guessing it");
    }
}
