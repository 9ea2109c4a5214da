package dev.kosmirecorder.replayer;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** A client on Jetty 12's WebSocket client; sends are serialised because Jetty refuses concurrent ones. */
public final class JettySocket extends TestSocket {
    private final WebSocketClient client;
    private final Session session;

    private JettySocket(WebSocketClient client, URI uri, String origin, String... subprotocols) throws Exception {
        this.client = client;
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (subprotocols.length > 0) {
            request.setSubProtocols(List.of(subprotocols));
        }
        if (origin != null) {
            request.setHeader("Origin", origin);
        }
        session = client.connect(new Listener(), uri, request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static JettySocket connect(URI uri, String origin, String... subprotocols) throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            return new JettySocket(client, uri, origin, subprotocols);
        } catch (Exception e) {
            client.stop();
            throw e;
        }
    }

    public final class Listener implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketText(String message) {
            events.add(new Text(message));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            events.add(new Closed(statusCode, reason));
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            events.add(new Failed(cause));
        }
    }

    @Override
    synchronized void send(String text) {
        Callback.Completable done = new Callback.Completable();
        session.sendText(text, done);
        done.join();
    }

    @Override
    synchronized void sendBinary(byte[] bytes) {
        Callback.Completable done = new Callback.Completable();
        session.sendBinary(ByteBuffer.wrap(bytes), done);
        done.join();
    }

    @Override
    String subprotocol() {
        return session.getUpgradeResponse().getAcceptedSubProtocol();
    }

    @Override
    void abort() {
        try {
            session.disconnect();
        } finally {
            try {
                client.stop();
            } catch (Exception e) {
                // best effort in cleanup
            }
        }
    }
}
