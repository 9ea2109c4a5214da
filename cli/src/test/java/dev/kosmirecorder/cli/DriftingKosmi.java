package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A Kosmi-shaped server in two releases, for recording the same page twice: release 2 differs from release 1 in
 * exactly one result field ({@code joinRoom.role}) and one handshake response header ({@code X-Kosmi-Release}).
 * Everything volatile (token, user ids, message ids and times) is new on every run, as on the real server.
 */
public final class DriftingKosmi implements AutoCloseable {
    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>drift</title></head>
            <body><script>
            (async () => {
              const login = await fetch('/', {method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({operationName: 'AnonLogin', query: 'mutation AnonLogin { anonLogin { token user { id displayName } } }', variables: {}})});
              const token = (await login.json()).data.anonLogin.token;
              const ws = new WebSocket('ws://' + location.host + '/gql-ws', 'graphql-ws');
              const start = (id, operationName, query, variables) => ws.send(JSON.stringify({type: 'start', id, payload: {operationName, query, variables}}));
              ws.onopen = () => ws.send(JSON.stringify({type: 'connection_init', payload: {token, ua: btoa(navigator.userAgent), v: '4364', r: ''}}));
              ws.onmessage = e => {
                const m = JSON.parse(e.data);
                if (m.type === 'connection_ack') {
                  start('1', 'JoinRoom', 'mutation JoinRoom($id: String!) { joinRoom(id: $id) { ok } }', {id: '@drift'});
                } else if (m.type === 'complete' && m.id === '1') {
                  start('2', 'RoomChatQuery', 'query RoomChatQuery($roomId: String!) { chatArchive(roomId: $roomId) { results { id body time } } }', {roomId: '@drift'});
                } else if (m.type === 'complete' && m.id === '2') {
                  ws.send(JSON.stringify({type: 'connection_terminate'}));
                  document.title = 'done';
                }
              };
            })();
            </script></body></html>
            """;

    private final Server server;
    private final int port;
    /** Frames both ways on the socket, counted by the server. */
    final AtomicInteger frames = new AtomicInteger();
    /** Completes when the page has sent connection_terminate. */
    final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private DriftingKosmi(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static DriftingKosmi start(int release) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        DriftingKosmi[] self = new DriftingKosmi[1];
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(2));
            container.addMapping("/gql-ws", (request, response, callback) -> {
                response.setAcceptedSubProtocol("graphql-ws");
                if (release >= 2) {
                    response.getHeaders().put("X-Kosmi-Release", "2");
                }
                return new Endpoint(self[0], release);
            });
        });
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getMethod().equals("POST")) {
                    String answer = "{\"data\":{\"anonLogin\":{\"token\":\"" + dev.kosmirecorder.recorder.testsite.TestSite.token() + "\",\"user\":{\"id\":\""
                            + UUID.randomUUID() + "\",\"displayName\":\"Anonymous Drifter\"}}}}";
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    Content.Sink.write(response, true, answer, callback);
                } else {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                    Content.Sink.write(response, true, PAGE, callback);
                }
                return true;
            }
        });
        server.setHandler(ws);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the drifting server: " + e.getMessage(), e);
        }
        self[0] = new DriftingKosmi(server, connector.getLocalPort());
        return self[0];
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the drifting server", e);
        }
    }

    /** graphql-ws, answering each start with one data frame and a complete, in order. Public: Jetty calls it by reflection. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final DriftingKosmi site;
        private final int release;
        private Session session;

        Endpoint(DriftingKosmi site, int release) {
            this.site = site;
            this.release = release;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            site.frames.incrementAndGet();
            JsonNode m;
            try {
                m = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                return;
            }
            String id = m.path("id").asText();
            switch (m.path("type").asText()) {
                case "connection_init" -> send("{\"type\":\"connection_ack\",\"payload\":{}}");
                case "start" -> {
                    String op = m.path("payload").path("operationName").asText();
                    send("{\"type\":\"data\",\"id\":\"" + id + "\",\"payload\":{\"data\":" + result(op) + "}}");
                    send("{\"type\":\"complete\",\"id\":\"" + id + "\"}");
                }
                case "connection_terminate" -> {
                    site.terminated.complete(null);
                    session.close();
                }
                default -> { }
            }
        }

        private String result(String operation) {
            if (operation.equals("JoinRoom")) {
                return release >= 2 ? "{\"joinRoom\":{\"ok\":true,\"role\":\"member\"}}" : "{\"joinRoom\":{\"ok\":true}}";
            }
            long now = Instant.now().getEpochSecond();
            return "{\"chatArchive\":{\"results\":[{\"id\":\"" + UUID.randomUUID() + "\",\"body\":\"hello\",\"time\":" + now
                    + "},{\"id\":\"" + UUID.randomUUID() + "\",\"body\":\"again\",\"time\":" + (now + 7) + "}]}}";
        }

        private void send(String text) {
            site.frames.incrementAndGet();
            org.eclipse.jetty.websocket.api.Callback.Completable done = new org.eclipse.jetty.websocket.api.Callback.Completable();
            session.sendText(text, done);
            try {
                done.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("drifting server send failed: " + e.getMessage(), e);
            }
        }
    }
}
