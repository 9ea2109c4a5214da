package dev.kosmirecorder.replayer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A client on the JDK's {@code java.net.http.WebSocket}. */
final class JdkSocket extends TestSocket {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket ws;
    private final StringBuilder partial = new StringBuilder();

    private JdkSocket(URI uri, Map<String, String> headers, String... subprotocols) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        headers.forEach(b::header);
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        try {
            ws = b.buildAsync(uri, new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new AssertionError("handshake did not finish", e);
        }
    }

    static JdkSocket connect(URI uri, String... subprotocols) throws Exception {
        return new JdkSocket(uri, Map.of(), subprotocols);
    }

    static JdkSocket connect(URI uri, Map<String, String> headers, String... subprotocols) throws Exception {
        return new JdkSocket(uri, headers, subprotocols);
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(new Text(partial.toString()));
                partial.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            events.add(error instanceof IOException ? new Closed(1006, String.valueOf(error.getMessage())) : new Failed(error));
        }
    }

    @Override
    void send(String text) {
        ws.sendText(text, true).join();
    }

    @Override
    void sendBinary(byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    void closeNormally() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Override
    String subprotocol() {
        return ws.getSubprotocol();
    }

    @Override
    void abort() {
        ws.abort();
    }
}
