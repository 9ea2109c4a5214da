package dev.kosmirecorder.cli.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.cli.UserException;
import dev.kosmirecorder.cli.probe.AttemptResult.Outcome;
import dev.kosmirecorder.core.format.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Runs the probe matrix against one WebSocket URL with Jetty's WebSocket client ({@code wss://} trusts what the
 * JVM's trust store trusts). Attempts run one after another, each on a fresh connection with its own timeout.
 */
public final class Prober implements AutoCloseable {
    /** The response headers that explain a refusal: who answered, through which proxy, and why (the mock says). */
    public static final List<String> TELLING_HEADERS = List.of("Server", "Via", "X-Kosmi-Mock-Reason", "Sec-WebSocket-Protocol");
    private static final int MAX_BODY_CHARS = 300;

    private final URI url;
    private final Duration timeout;
    private final WebSocketClient client;

    public Prober(URI url, Duration timeout) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new UserException("'" + url + "' is not a WebSocket URL; write it as ws://HOST:PORT/PATH or wss://HOST/PATH");
        }
        if (url.getHost() == null) {
            throw new UserException("'" + url + "' has no host; write it as ws://HOST:PORT/PATH or wss://HOST/PATH");
        }
        this.url = url;
        this.timeout = timeout;
        this.client = new WebSocketClient();
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(timeout.plusSeconds(1));
        client.setStopAtShutdown(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Jetty's WebSocket client: " + e, e);
        }
    }

    /**
     * Fails in one sentence when nothing can be reached at the URL's host and port at all (closed port, unknown
     * host), instead of six rows that all say the same.
     */
    public void checkReachable() {
        String host = url.getHost();
        int port = port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (UnknownHostException e) {
            throw new UserException("cannot resolve host '" + host + "'; check the URL's host name and your DNS");
        } catch (ConnectException e) {
            throw new UserException("nothing is listening on " + host + ":" + port + " (connection refused); start the server or correct "
                    + "the URL's host and port");
        } catch (SocketTimeoutException e) {
            throw new UserException(host + ":" + port + " did not accept a TCP connection within " + timeout.toMillis()
                    + " ms; check the address, or whether a firewall drops the traffic");
        } catch (NoRouteToHostException e) {
            throw new UserException("no route to " + host + ":" + port + "; check the address and your network");
        } catch (IOException e) {
            throw new UserException("cannot connect to " + host + ":" + port + ": " + e.getMessage());
        }
    }

    public List<AttemptResult> run(List<Attempt> attempts) {
        List<AttemptResult> results = new ArrayList<>();
        for (Attempt a : attempts) {
            results.add(a.skipped() != null ? AttemptResult.skipped(a) : run(a));
        }
        return results;
    }

    public AttemptResult run(Attempt a) {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (a.origin() != null) {
            request.setHeader("Origin", a.origin());
        }
        if (a.subprotocol() != null) {
            request.setSubProtocols(a.subprotocol());
        }
        if (a.cookie() != null) {
            request.setHeader("Cookie", a.cookie());
        }
        request.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Handshake handshake = new Handshake();
        Messages messages = new Messages();
        CompletableFuture<Session> connecting;
        try {
            connecting = client.connect(messages, url, request, handshake);
        } catch (IOException e) {
            return failed(a, handshake, e);
        }
        Session session;
        try {
            session = connecting.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connecting.cancel(true);
            return stop(a, handshake.status > 0 ? Phase.UPGRADE : Phase.CONNECT, handshake,
                    "no answer to the upgrade within " + timeout.toMillis() + " ms: the server (or a proxy) holds the request");
        } catch (ExecutionException e) {
            return failed(a, handshake, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop(a, Phase.CONNECT, handshake, "interrupted");
        }
        try {
            return afterUpgrade(a, session, handshake, messages);
        } finally {
            if (session.isOpen()) {
                session.close(1000, "kosmi-recorder probe done", Callback.NOOP);
            }
        }
    }

    private AttemptResult afterUpgrade(Attempt a, Session session, Handshake handshake, Messages messages) {
        String chosen = Optional.ofNullable(session.getUpgradeResponse().getAcceptedSubProtocol()).orElse("");
        if (a.subprotocol() != null && !a.subprotocol().equals(chosen)) {
            return stop(a, Phase.SUBPROTOCOL, handshake, "the upgrade was accepted but the server chose "
                    + (chosen.isEmpty() ? "no subprotocol" : "subprotocol '" + chosen + "'") + " instead of '" + a.subprotocol()
                    + "': Chrome fails such a handshake");
        }
        ObjectNode init = Json.MAPPER.createObjectNode().put("type", "connection_init");
        ObjectNode payload = init.putObject("payload");
        if (a.token() != null) {
            payload.put("token", a.token());
        }
        session.sendText(Json.compact(init), Callback.NOOP);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object event;
            try {
                event = messages.events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stop(a, Phase.INIT, handshake, "interrupted");
            }
            if (event == null) {
                return stop(a, Phase.INIT, handshake, "the upgrade was accepted but connection_init got no answer within "
                        + timeout.toMillis() + " ms: the server may speak another protocol (graphql-transport-ws?)");
            }
            if (event instanceof Closed closed) {
                return new AttemptResult(a, Phase.INIT, Outcome.STOP, handshake.status, handshake.headers, "",
                        "close " + closed.code() + (closed.reason() == null || closed.reason().isEmpty() ? "" : " " + closed.reason()),
                        closedDiagnosis(closed));
            }
            String text = (String) event;
            String type = Json.parseContainer(text).map(j -> j.path("type").asText("")).orElse("");
            if (type.equals("ka")) {
                continue; // keep-alives may precede the answer; they are not one
            }
            String answer = text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) + "…" : text;
            if (type.equals("connection_ack")) {
                return new AttemptResult(a, Phase.INIT, Outcome.PASS, handshake.status, handshake.headers, "", answer,
                        "accepted: connection_ack" + (a.token() == null ? " without a token" : ""));
            }
            if (type.equals("connection_error")) {
                String message = Json.parseContainer(text).map(j -> messageOf(j.path("payload"))).orElse("");
                return new AttemptResult(a, Phase.INIT, Outcome.STOP, handshake.status, handshake.headers, "", answer,
                        "the upgrade was accepted, but connection_init got connection_error" + (message.isEmpty() ? "" : " (" + message + ")")
                                + ": the token (or its absence) is refused, not the handshake");
            }
            return new AttemptResult(a, Phase.INIT, Outcome.STOP, handshake.status, handshake.headers, "", answer,
                    "the upgrade was accepted, but connection_init was answered with '" + (type.isEmpty() ? "non-JSON" : type)
                            + "' instead of connection_ack");
        }
    }

    private static String messageOf(JsonNode payload) {
        if (payload.isTextual()) {
            return payload.textValue();
        }
        return payload.path("message").asText("");
    }

    private static String closedDiagnosis(Closed closed) {
        String why = switch (closed.code()) {
            case 1002 -> ": a protocol error, as the legacy server closes when the subprotocol is missing or wrong";
            case 1011 -> ": the server failed connection_init, as the legacy server does when it refuses the token";
            case 4401, 4403 -> ": unauthorized; check the token";
            case 4406 -> ": subprotocol not acceptable";
            default -> "";
        };
        return "the upgrade was accepted, then the server closed with " + closed.code()
                + (closed.reason() == null || closed.reason().isEmpty() ? "" : " '" + closed.reason() + "'") + " after connection_init" + why;
    }

    private AttemptResult failed(Attempt a, Handshake handshake, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return stop(a, Phase.TLS, handshake, "the TLS handshake failed (" + t.getMessage() + "): the JVM does not trust the "
                        + "server's certificate, or something intercepts TLS; import its CA into the JVM trust store with keytool");
            }
        }
        if (handshake.status > 0 && handshake.status != 101) {
            return stop(a, Phase.UPGRADE, handshake, upgradeDiagnosis(handshake));
        }
        if (handshake.status == 101) {
            String message = String.valueOf(rootCause(failure).getMessage());
            Phase phase = message.toLowerCase(Locale.ROOT).contains("protocol") ? Phase.SUBPROTOCOL : Phase.UPGRADE;
            return stop(a, phase, handshake, "the server answered 101 but the client refused the handshake: " + message);
        }
        Throwable root = rootCause(failure);
        if (root instanceof TimeoutException) {
            // The TCP connection was made (checkReachable), so it is the HTTP answer that never came.
            return stop(a, Phase.UPGRADE, handshake, "no answer to the upgrade within " + timeout.toMillis()
                    + " ms: the server (or a proxy) holds the request");
        }
        return stop(a, Phase.CONNECT, handshake, "could not connect: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage()));
    }

    private static String upgradeDiagnosis(Handshake h) {
        String reason = h.headers.get("X-Kosmi-Mock-Reason");
        String said = reason != null ? "; the mock says: " + reason : h.body.isEmpty() ? "" : "; the body says: " + oneLine(h.body);
        if (h.status == 401 || h.status == 403) {
            return h.status + " before any WebSocket frame: the server refuses the upgrade itself — Origin/headers/TLS, not your token" + said;
        }
        String hint = switch (h.status) {
            case 200 -> "the server answered as plain HTTP: the URL is not a WebSocket endpoint, or a proxy dropped the Upgrade header";
            case 400, 426 -> "the server did not see a valid upgrade: a proxy may drop the Upgrade/Connection headers";
            case 404 -> "no WebSocket endpoint at this path; check the URL";
            case 502, 503, 504 -> "a proxy in front could not reach the server";
            default -> "the upgrade was not accepted";
        };
        return h.status + " instead of 101: " + hint + said;
    }

    private AttemptResult stop(Attempt a, Phase phase, Handshake h, String diagnosis) {
        return new AttemptResult(a, phase, Outcome.STOP, h.status, h.headers, h.body, "", diagnosis);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return url.getScheme().equalsIgnoreCase("wss") ? 443 : 80;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping a client whose attempts are all over cannot lose anything
        }
    }

    /**
     * Keeps the handshake's answer, refused or not. Jetty calls {@code onHandshakeResponse} once the response
     * is complete, on its own thread, before the connect future completes; the fields are read after that.
     */
    private static final class Handshake implements JettyUpgradeListener {
        volatile int status;
        volatile Map<String, String> headers = Map.of();
        volatile String body = "";
        private final StringBuilder content = new StringBuilder();

        @Override
        public void onHandshakeRequest(Request request) {
            request.onResponseContent((response, chunk) -> {
                synchronized (content) {
                    if (content.length() < MAX_BODY_CHARS) {
                        content.append(StandardCharsets.UTF_8.decode(chunk.duplicate()));
                    }
                }
            });
        }

        @Override
        public void onHandshakeResponse(Request request, Response response) {
            Map<String, String> telling = new LinkedHashMap<>();
            for (String name : TELLING_HEADERS) {
                String value = response.getHeaders().get(name);
                if (value != null) {
                    telling.put(name, value);
                }
            }
            headers = telling;
            synchronized (content) {
                body = content.length() > MAX_BODY_CHARS ? content.substring(0, MAX_BODY_CHARS) + "…" : content.toString();
            }
            status = response.getStatus();
        }
    }

    private record Closed(int code, String reason) {
    }

    /** Puts every text message and the close into a queue the probe polls with its deadline. */
    public static final class Messages implements Session.Listener.AutoDemanding {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onWebSocketText(String message) {
            events.add(message);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            events.add("<binary frame of " + payload.remaining() + " bytes>");
            callback.succeed();
        }

        /** A refused upgrade also lands here; the connect future reports it, so it needs no log line of its own. */
        @Override
        public void onWebSocketError(Throwable cause) {
            events.add(new Closed(1006, "error: " + cause.getMessage()));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            events.add(new Closed(statusCode, reason));
            callback.succeed();
        }
    }
}
