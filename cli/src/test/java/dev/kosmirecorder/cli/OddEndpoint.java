package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A minimal stand-in for the mock's handshake policies, for probe's tests while the mock is built elsewhere: like
 * {@code serve --strict} it requires Origin {@code https://app.kosmi.io}, subprotocol {@code graphql-ws} and a
 * known token in {@code connection_init}, refusing the upgrade with 403 and {@code X-Kosmi-Mock-Reason}.
 */
final class StrictEndpoint implements AutoCloseable {
    enum Mode { STRICT, REJECT_UPGRADE, NO_SUBPROTOCOL }

    static final String TOKEN = "good-token";
    private final Server server = new Server();
    private final ServerConnector connector;
    private final boolean tls;

    StrictEndpoint(Mode mode) throws Exception {
        this(mode, null, null);
    }

    /** With a PKCS#12 key store, the endpoint speaks TLS ({@code wss://}). */
    StrictEndpoint(Mode mode, Path keyStore, String password) throws Exception {
        tls = keyStore != null;
        if (tls) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keyStore.toString());
            ssl.setKeyStorePassword(password);
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory());
        } else {
            connector = new ServerConnector(server);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> container.addMapping("/gql-ws", (rq, rs, cb) -> {
            rs.getHeaders().put("Server", "strict-endpoint");
            String refusal = refusal(mode, rq);
            if (refusal != null) {
                rs.setStatus(403);
                rs.getHeaders().put("X-Kosmi-Mock-Reason", refusal);
                Content.Sink.write(rs, true, refusal, cb);
                return null;
            }
            if (mode == Mode.STRICT) {
                rs.setAcceptedSubProtocol("graphql-ws");
            }
            return new Legacy();
        })));
        server.start();
    }

    private static String refusal(Mode mode, ServerUpgradeRequest rq) {
        if (mode == Mode.REJECT_UPGRADE) {
            return "fault reject-upgrade: every upgrade is refused";
        }
        if (mode == Mode.STRICT && !"https://app.kosmi.io".equals(rq.getHeaders().get("Origin"))) {
            return "Origin must be https://app.kosmi.io";
        }
        if (mode == Mode.STRICT && !rq.hasSubProtocol("graphql-ws")) {
            return "subprotocol graphql-ws was not requested";
        }
        return null;
    }

    URI url() {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + "/gql-ws");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Answers connection_init as the legacy graphql-ws server does: ack for a known token, else error and 1011. */
    public static final class Legacy implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            JsonNode message = Json.parseContainer(text).orElseThrow();
            if (!message.path("type").asText().equals("connection_init")) {
                return;
            }
            if (TOKEN.equals(message.path("payload").path("token").asText(null))) {
                session.sendText("{\"type\":\"connection_ack\",\"payload\":{}}", Callback.NOOP);
            } else {
                session.sendText("{\"type\":\"connection_error\",\"payload\":{\"message\":\"token missing or not issued here\"}}",
                        Callback.from(() -> session.close(1011, "connection_init refused", Callback.NOOP), x -> { }));
            }
        }
    }
}
