package dev.kosmirecorder.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The browser tests' Kosmi-shaped page, served on 127.0.0.1 from a free port (an origin of its own, so the mock
 * is called cross-origin as engine.kosmi.io is from app.kosmi.io): {@code /client.html?mock=URL} gets a token by
 * {@code POST} to the mock, opens {@code new WebSocket(ws://MOCK/gql-ws, 'graphql-ws')} and plays the client side
 * of a capture ({@code /script.json}, made by {@link ClientScript}); it reports in {@code window.__result}
 * ({@code ok}, {@code protocol}, {@code received}, {@code closeCode} or {@code error}). {@link #close()} stops it.
 */
public final class ClientPage implements AutoCloseable {
    private final HttpServer server;

    private ClientPage(HttpServer server) {
        this.server = server;
    }

    /** Serves the page playing {@code capture}'s client side. */
    public static ClientPage serve(Capture capture) {
        byte[] page = resource("kosmi-client.html");
        byte[] script = Json.compact(ClientScript.of(capture)).getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                switch (exchange.getRequestURI().getPath()) {
                    case "/client.html" -> send(exchange, 200, "text/html; charset=utf-8", page);
                    case "/script.json" -> send(exchange, 200, "application/json", script);
                    default -> send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                }
            });
            server.start();
            return new ClientPage(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test page", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: what the browser sends as {@code Origin}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The page, talking to the mock at {@code mock} (its base URL, where the token POST goes). */
    public String url(URI mock) {
        return origin() + "/client.html?mock=" + URLEncoder.encode(mock.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "ClientPage{" + origin() + "}";
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ClientPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name + " next to " + ClientPage.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
