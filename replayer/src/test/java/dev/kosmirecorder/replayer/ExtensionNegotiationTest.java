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
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §6, the upgrade answers as the recording did: a client offering {@code permessage-deflate} (as browsers,
 * Node's ws and Python's websockets all do) gets it only when the recorded server accepted it; the policy forces it.
 */
@Timeout(60)
class ExtensionNegotiationTest {
    private static final Map<String, String> OFFERS_DEFLATE = Map.of("Sec-WebSocket-Protocol", "graphql-ws",
            "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");

    /** The built-in room as if its server had accepted compression. */
    private static Capture recordedWithDeflate() {
        Capture room = BuiltInFixtures.kosmiRoom();
        List<WsConnection> connections = room.connections().stream()
                .map(c -> c.rejected() ? c : c.toBuilder().responseHeaders(c.responseHeaders()
                        .with("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover")).build())
                .toList();
        return new Capture(room.session(), room.exchanges(), connections, room.frames());
    }

    @Test
    void aCaptureThatRecordedNoExtensionGetsNoneThoughTheClientOffersDeflate() throws Exception {
        try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).start()) {
            RawHandshake answer = RawHandshake.attempt(mock.wsUrl(), OFFERS_DEFLATE);
            assertThat(answer.status()).isEqualTo(101);
            assertThat(answer.headers()).doesNotContainKey("sec-websocket-extensions");
            assertThat(jettyClientExtensions(mock)).isEmpty();
        }
    }

    @Test
    void aCaptureWhoseServerAcceptedDeflateGetsItWithItsRecordedParameters() throws Exception {
        try (CaptureStore store = JdbcCaptureStore.open(StoreLocation.inMemory("ext-" + UUID.randomUUID()));
             KosmiMock mock = KosmiMock.builder().capture(recordedWithDeflate()).auditStore(store).start()) {
            RawHandshake answer = RawHandshake.attempt(mock.wsUrl(), OFFERS_DEFLATE);
            assertThat(answer.status()).isEqualTo(101);
            assertThat(answer.headers().get("sec-websocket-extensions"))
                    .startsWith("permessage-deflate").contains("server_no_context_takeover");
            assertThat(jettyClientExtensions(mock)).containsExactly("permessage-deflate");

            // A client that offers nothing gets nothing, whatever was recorded.
            assertThat(RawHandshake.attempt(mock.wsUrl(), Map.of("Sec-WebSocket-Protocol", "graphql-ws")).headers())
                    .doesNotContainKey("sec-websocket-extensions");

            // The audit shows the 101's headers as they were sent, the negotiated extension among them.
            assertThat(mock.flushAudit()).isTrue();
            WsConnection audited = store.load(mock.auditSessionId().orElseThrow()).connections().get(0);
            assertThat(audited.responseHeaders().get("Sec-WebSocket-Extensions")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("permessage-deflate"));
            assertThat(audited.responseHeaders().get("Sec-WebSocket-Accept")).isPresent();
            assertThat(audited.responseHeaders().get("Sec-WebSocket-Protocol")).contains("graphql-ws");
        }
    }

    @Test
    void thePolicyForcesDeflateOnOrOff() throws Exception {
        try (KosmiMock on = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom())
                .extensions(ExtensionPolicy.PERMESSAGE_DEFLATE).start();
             KosmiMock off = KosmiMock.builder().capture(recordedWithDeflate()).extensions(ExtensionPolicy.NONE).start()) {
            assertThat(RawHandshake.attempt(on.wsUrl(), OFFERS_DEFLATE).headers().get("sec-websocket-extensions"))
                    .startsWith("permessage-deflate");
            assertThat(RawHandshake.attempt(off.wsUrl(), OFFERS_DEFLATE).headers()).doesNotContainKey("sec-websocket-extensions");
        }
        assertThat(ExtensionPolicy.parse("permessage-deflate")).isEqualTo(ExtensionPolicy.PERMESSAGE_DEFLATE);
    }

    /** The extensions Jetty's own client, offering permessage-deflate, ends up with. */
    private static List<String> jettyClientExtensions(KosmiMock mock) throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setSubProtocols("graphql-ws");
            request.addExtensions("permessage-deflate");
            Session session = client.connect(new Session.Listener.AutoDemanding() { }, mock.wsUrl(), request)
                    .get(10, TimeUnit.SECONDS);
            List<String> names = session.getUpgradeResponse().getExtensions().stream().map(ExtensionConfig::getName).toList();
            session.close();
            return names;
        } finally {
            client.stop();
        }
    }
}
