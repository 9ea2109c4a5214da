package dev.kosmirecorder.replayer.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client whose received frames are read from a queue with a timeout. */
final class WsClient implements AutoCloseable {
    static final String NEW_MESSAGES = "{\"operationName\":\"NewMessageSubscription\",\"query\":\"subscription NewMessageSubscription("
            + "$roomId: String!, $channelId: String!) { newMessage(roomId: $roomId, channelId: $channelId) { id body } }\","
            + "\"variables\":{\"roomId\":\"lobby\",\"channelId\":\"general\"}}";

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocket ws;
    private final StringBuilder partial = new StringBuilder();

    WsClient(URI uri, String subprotocol) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(subprotocol).buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** connection_init, then waits for the ack. */
    WsClient init() throws InterruptedException {
        send("{\"type\":\"connection_init\",\"payload\":{}}");
        awaitMatching("\"connection_ack\"");
        return this;
    }

    void send(String text) {
        ws.sendText(text, true).join();
    }

    void start(String type, String id, String payload) {
        send("{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"payload\":" + payload + "}");
    }

    static String sendMessage(String body) {
        return "{\"operationName\":\"SendMessage\",\"query\":\"mutation SendMessage($body: String!, $roomId: String!) "
                + "{ sendMessage(body: $body, roomId: $roomId) { ok } }\",\"variables\":{\"body\":\"" + body + "\",\"roomId\":\"lobby\"}}";
    }

    /** The next received frame containing {@code text}; others are skipped. */
    JsonNode awaitMatching(String text) throws InterruptedException {
        while (true) {
            String next = received.poll(20, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("Timed out waiting for a frame containing " + text);
            }
            if (next.contains(text)) {
                try {
                    return Json.MAPPER.readTree(next);
                } catch (java.io.IOException e) {
                    throw new AssertionError("not JSON: " + next, e);
                }
            }
        }
    }

    @Override
    public void close() {
        ws.abort();
    }
}
