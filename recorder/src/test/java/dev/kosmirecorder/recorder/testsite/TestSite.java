package dev.kosmirecorder.recorder.testsite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local stand-in for the Kosmi web app and engine, for browser tests: the test page ({@code /kosmi.html?mode=…})
 * and its worker script, {@code POST /} answering the token mutation with a JWT, {@code /gql-ws} speaking
 * graphql-ws (connection_ack, data + complete per start, a burst of N data frames on request, binary echo,
 * 5 MB text echo). It keeps an audit of every frame on every socket, in the order the server saw them, so a test
 * can compare a capture with what really went over the wire. Binds 127.0.0.1 on a free port; {@link #close()}
 * stops it. The round trip and the refused handshake of the acceptance tests go to the project's own mock instead
 * ({@link MockRoom}); this site serves what the mock does not speak (workers, bursts both ways, binary, 5 MB).
 */
public final class TestSite implements AutoCloseable {
    /** One frame as the server saw it: {@code SENT} frames came from the client, as in a capture. */
    public record AuditFrame(Direction direction, Opcode opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * One accepted socket: its handshake headers, frames in order, and when the client ended it. The frames are a
     * synchronized list, not a copy-on-write one: a burst of 100,000 frames each way (the capture benchmark) would
     * copy the whole list per frame. Read them through {@link #frames(Direction)} or {@link #asFrames()}, which copy.
     */
    public static final class AuditConnection {
        public final Map<String, String> requestHeaders = new java.util.LinkedHashMap<>();
        public final List<AuditFrame> frames = Collections.synchronizedList(new ArrayList<>());
        public final CompletableFuture<Void> terminated = new CompletableFuture<>();
        private volatile long firstFrameNanos;
        private volatile long endNanos;

        AuditConnection(org.eclipse.jetty.http.HttpFields headers) {
            headers.forEach(h -> requestHeaders.putIfAbsent(h.getName(), h.getValue()));
        }

        void add(AuditFrame frame) {
            if (firstFrameNanos == 0) {
                firstFrameNanos = System.nanoTime();
            }
            frames.add(frame);
        }

        /** The client ended the conversation ({@code connection_terminate}) or the socket went away; the first end counts. */
        void end() {
            if (endNanos == 0) {
                endNanos = System.nanoTime();
            }
            terminated.complete(null);
        }

        /** {@link System#nanoTime()} when the server received the socket's first frame; 0 before. */
        public long firstFrameNanos() {
            return firstFrameNanos;
        }

        /** {@link System#nanoTime()} when the conversation ended (see {@link #terminated}); 0 before. */
        public long endNanos() {
            return endNanos;
        }

        public List<AuditFrame> frames(Direction direction) {
            return snapshot().stream().filter(f -> f.direction() == direction).toList();
        }

        /** The frames as capture values (connection 1, seq in the order the server saw them, no times). */
        public List<Frame> asFrames() {
            List<AuditFrame> seen = snapshot();
            List<Frame> list = new ArrayList<>(seen.size());
            for (AuditFrame f : seen) {
                list.add(Frame.of(1, list.size() + 1, f.direction(), f.opcode(), Payload.of(f.payload()), 0));
            }
            return list;
        }

        private List<AuditFrame> snapshot() {
            synchronized (frames) {
                return new ArrayList<>(frames);
            }
        }
    }

    private final Server server;
    private final int port;
    private final List<AuditConnection> connections = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
    private final CompletableFuture<AuditConnection> firstConnection = new CompletableFuture<>();

    private TestSite(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static TestSite start() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        TestSite[] self = new TestSite[1];
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(16 * 1024 * 1024);
            container.setMaxBinaryMessageSize(16 * 1024 * 1024);
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.addMapping("/gql-ws", (request, response, callback) -> {
                if (request.getSubProtocols().contains("graphql-ws")) {
                    response.setAcceptedSubProtocol("graphql-ws");
                }
                AuditConnection audit = new AuditConnection(request.getHeaders());
                self[0].connections.add(audit);
                self[0].firstConnection.complete(audit);
                return new GraphQlWsEndpoint(audit);
            });
        });
        ws.setHandler(new Pages(self));
        server.setHandler(ws);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test site: " + e.getMessage(), e);
        }
        self[0] = new TestSite(server, connector.getLocalPort());
        return self[0];
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The page in one of its modes: roundtrip, login, burst, big, worker, serviceworker. */
    public String page(String mode) {
        return url("/kosmi.html?mode=" + mode);
    }

    /** The page in burst mode: {@code perDirection} client frames, then as many server frames, over one socket. */
    public String burstPage(int perDirection) {
        return page("burst") + "&n=" + perDirection;
    }

    /**
     * Every frame of a {@link #burstPage} conversation: the burst each way plus connection_init, connection_ack,
     * start, complete and connection_terminate.
     */
    public static int burstFrames(int perDirection) {
        return 2 * perDirection + 5;
    }

    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    public List<AuditConnection> connections() {
        return connections;
    }

    /** The first accepted socket, once it has been opened (waits up to 30 s). */
    public AuditConnection awaitConnection() {
        try {
            return firstConnection.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Timed out waiting for a WebSocket connection to the test site", e);
        }
    }

    public List<String> tokenRequests() {
        return tokenRequests;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test site", e);
        }
    }

    @Override
    public String toString() {
        return "TestSite{port=" + port + "}";
    }

    /** A JWT shaped like Kosmi's (claims aud/iss kosmi, typ access, exp a year ahead), with a dummy signature. */
    public static String token() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode claims = Json.MAPPER.createObjectNode().put("aud", "kosmi").put("iss", "kosmi").put("typ", "access")
                .put("sub", UUID.randomUUID().toString()).put("exp", Instant.now().plus(Duration.ofDays(365)).getEpochSecond());
        return header + "." + b64.encodeToString(Json.compact(claims).getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    /** Serves the page, the worker script and the token mutation. */
    private static final class Pages extends Handler.Abstract {
        private final TestSite[] self;

        Pages(TestSite[] self) {
            this.self = self;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (request.getMethod().equals("POST") && path.equals("/")) {
                String body = Content.Source.asString(request);
                self[0].tokenRequests.add(body);
                String token = token();
                String answer = "{\"data\":{\"anonLogin\":{\"token\":\"" + token + "\"}}}";
                self[0].issuedTokens.put(token, body);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put("X-Test-Site", "token");
                Content.Sink.write(response, true, answer, callback);
                return true;
            }
            String resource = switch (path) {
                case "/kosmi.html" -> "text/html; charset=utf-8";
                case "/worker.js", "/client.js", "/sw.js" -> "text/javascript";
                default -> null;
            };
            if (resource == null) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, resource);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Content.Sink.write(response, true, resource("/site" + path), callback);
            return true;
        }

        private static String resource(String name) {
            try (InputStream in = TestSite.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * graphql-ws as the tests need it. Sends are made one after another from the reading thread, each waiting for
     * the previous one to complete, because Jetty refuses concurrent writes on a session.
     */
    public static final class GraphQlWsEndpoint implements Session.Listener.AutoDemanding {
        private final AuditConnection audit;
        private Session session;

        GraphQlWsEndpoint(AuditConnection audit) {
            this.audit = audit;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            audit.add(new AuditFrame(Direction.SENT, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8)));
            JsonNode message;
            try {
                message = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                return;
            }
            String type = message.path("type").asText();
            String id = message.path("id").asText();
            switch (type) {
                case "connection_init" -> sendText("{\"type\":\"connection_ack\"}");
                case "start" -> answer(id, message.path("payload"));
                case "echo" -> sendText(text);
                case "connection_terminate" -> {
                    audit.end();
                    session.close();
                }
                default -> { }
            }
        }

        private void answer(String id, JsonNode payload) {
            String operation = payload.path("operationName").asText("");
            if (operation.equals("Burst")) {
                int count = payload.path("variables").path("count").asInt();
                for (int i = 1; i <= count; i++) {
                    sendText("{\"id\":\"" + id + "\",\"type\":\"data\",\"payload\":{\"data\":{\"n\":" + i + "}}}");
                }
            } else {
                sendText("{\"id\":\"" + id + "\",\"type\":\"data\",\"payload\":{\"data\":{\"operation\":\"" + operation + "\"}}}");
            }
            sendText("{\"id\":\"" + id + "\",\"type\":\"complete\"}");
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            // Copy before completing the callback: Jetty recycles the buffer afterwards.
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            callback.succeed();
            audit.add(new AuditFrame(Direction.SENT, Opcode.BINARY, bytes));
            audit.add(new AuditFrame(Direction.RECEIVED, Opcode.BINARY, bytes));
            await(c -> session.sendBinary(ByteBuffer.wrap(bytes), c));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            audit.end();
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // A browser killed mid-burst resets the connection: that ends the conversation, it is no test failure.
            audit.end();
        }

        private void sendText(String text) {
            audit.add(new AuditFrame(Direction.RECEIVED, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8)));
            await(c -> session.sendText(text, c));
        }

        private static void await(java.util.function.Consumer<org.eclipse.jetty.websocket.api.Callback> send) {
            org.eclipse.jetty.websocket.api.Callback.Completable done = new org.eclipse.jetty.websocket.api.Callback.Completable();
            send.accept(done);
            try {
                done.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("test site send failed: " + e.getMessage(), e);
            }
        }
    }

    /** For tests that want the token request bodies the site answered. */
    public List<String> issuedTokens() {
        return new ArrayList<>(issuedTokens.keySet());
    }
}
