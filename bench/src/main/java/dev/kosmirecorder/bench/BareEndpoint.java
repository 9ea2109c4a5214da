package dev.kosmirecorder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The replay baseline: a bare Jetty 12 WebSocket endpoint in the same JVM that answers each {@code start} with the
 * capture's recorded server frames for that id, verbatim, one send after the other, as fast as Jetty takes them.
 * No matching, no id rewriting, no timing, no audit: the ceiling the mock is measured against.
 */
public final class BareEndpoint implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Map<String, List<String>> answers = new HashMap<>();
    private final String ack;

    BareEndpoint(Capture capture) throws Exception {
        String ackText = "{\"type\":\"connection_ack\"}";
        for (Frame f : capture.frames()) {
            if (f.direction() != Direction.RECEIVED) {
                continue;
            }
            String type = f.message().type();
            if ("connection_ack".equals(type)) {
                ackText = f.text();
            } else if (f.message().id() != null) {
                answers.computeIfAbsent(f.message().id(), id -> new ArrayList<>()).add(f.text());
            }
        }
        ack = ackText;
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(1024 * 1024);
            container.addMapping("/gql-ws", (rq, rs, cb) -> {
                rs.setAcceptedSubProtocol("graphql-ws");
                return new Conversation();
            });
        }));
        server.start();
    }

    URI wsUrl() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/gql-ws");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** One client: the ack for connection_init, the recorded frames for each start. */
    public final class Conversation implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            JsonNode message = Json.parseContainer(text).orElse(null);
            if (message == null) {
                return;
            }
            switch (message.path("type").asText()) {
                case "connection_init" -> new Sends(session, List.of(ack).iterator()).pump();
                case "start" -> new Sends(session, answers.getOrDefault(message.path("id").asText(), List.of()).iterator()).pump();
                case "connection_terminate" -> session.close();
                default -> { }
            }
        }
    }

    /**
     * Sends one frame at a time (Jetty refuses concurrent sends), each after the previous one's callback; a
     * trampoline, so callbacks that complete at once do not grow the stack.
     */
    private static final class Sends {
        private final Session session;
        private final Iterator<String> frames;
        private final AtomicInteger pending = new AtomicInteger();

        Sends(Session session, Iterator<String> frames) {
            this.session = session;
            this.frames = frames;
        }

        void pump() {
            if (pending.getAndIncrement() != 0) {
                return;
            }
            do {
                if (!frames.hasNext()) {
                    return;
                }
                session.sendText(frames.next(), Callback.from(this::pump, x -> { }));
            } while (pending.decrementAndGet() != 0);
        }
    }
}
