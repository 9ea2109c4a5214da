package dev.kosmirecorder.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.WsConnection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A recording made in graphql-transport-ws replays to a legacy graphql-ws client, frames translated. */
@Timeout(60)
class TransportWsRecordingTest {
    static final Capture NEWER = new Capture(
            Session.start(SessionKind.IMPORT, "newer dialect", "test", Instant.parse("2026-11-01T00:00:00Z")),
            List.of(),
            List.of(WsConnection.builder().id(1).url("wss://engine.kosmi.io/gql-ws").status(101).subprotocol("graphql-transport-ws").build()),
            List.of(
                    Frame.text(1, 1, Direction.SENT, "{\"type\":\"connection_init\",\"payload\":{}}", 0),
                    Frame.text(1, 2, Direction.RECEIVED, "{\"type\":\"connection_ack\"}", 1_000),
                    Frame.text(1, 3, Direction.SENT, "{\"id\":\"x1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription OnRoomUpdate { roomUpdate { id } }\"}}", 2_000),
                    Frame.text(1, 4, Direction.RECEIVED, "{\"id\":\"x1\",\"type\":\"next\",\"payload\":{\"data\":{\"roomUpdate\":{\"id\":\"r1\"}}}}", 50_000),
                    Frame.text(1, 5, Direction.RECEIVED, "{\"id\":\"x1\",\"type\":\"error\",\"payload\":[{\"message\":\"room closed\"}]}", 90_000)));

    @Test
    void replaysANewerDialectRecordingToALegacyClient() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(NEWER).speed(0).start();
             JettySocket socket = JettySocket.connect(mock.wsUrl(), null, "graphql-ws")) {
            socket.send("{\"type\":\"connection_init\",\"payload\":{}}");
            assertThat(socket.nextText()).isEqualTo("{\"type\":\"connection_ack\"}");
            assertThat(socket.nextText()).isEqualTo("{\"type\":\"ka\"}");
            socket.send("{\"type\":\"start\",\"id\":\"7\",\"payload\":{\"operationName\":\"OnRoomUpdate\",\"query\":\"subscription OnRoomUpdate { roomUpdate { id } }\"}}");
            assertThat(socket.nextText()).isEqualTo("{\"id\":\"7\",\"type\":\"data\",\"payload\":{\"data\":{\"roomUpdate\":{\"id\":\"r1\"}}}}");
            assertThat(socket.nextText()).isEqualTo("{\"id\":\"7\",\"type\":\"error\",\"payload\":{\"message\":\"room closed\"}}");
        }
    }
}
