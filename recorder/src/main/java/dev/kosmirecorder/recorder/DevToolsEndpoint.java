package dev.kosmirecorder.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Finds the browser-level DevTools WebSocket of a running Chrome for {@code --attach http://HOST:PORT}. */
public final class DevToolsEndpoint {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private DevToolsEndpoint() {
    }

    /**
     * {@code http://HOST:PORT} (or {@code HOST:PORT}) asks {@code /json/version} for {@code webSocketDebuggerUrl};
     * a {@code ws://} URL is taken as the endpoint itself.
     */
    public static URI resolve(String attach) {
        String a = attach == null ? "" : attach.strip();
        if (a.startsWith("ws://") || a.startsWith("wss://")) {
            return URI.create(a);
        }
        if (!a.contains("://")) {
            a = "http://" + a;
        }
        URI base;
        try {
            base = URI.create(a.endsWith("/") ? a : a + "/");
        } catch (IllegalArgumentException e) {
            throw new RecorderException("--attach " + attach + " is not a URL; write it as http://127.0.0.1:9222");
        }
        if (base.getHost() == null || base.getPort() < 0) {
            throw new RecorderException("--attach " + attach + " needs a host and a port, for example http://127.0.0.1:9222");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("json/version")).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new RecorderException("--attach " + attach + " answered " + response.statusCode()
                        + " to /json/version; point it at Chrome's --remote-debugging-port");
            }
            JsonNode version = Json.MAPPER.readTree(response.body());
            String ws = version.path("webSocketDebuggerUrl").asText("");
            if (ws.isEmpty()) {
                throw new RecorderException("--attach " + attach + " gave no webSocketDebuggerUrl; point it at Chrome's --remote-debugging-port");
            }
            return URI.create(ws);
        } catch (IOException e) {
            throw new RecorderException("no Chrome answers at " + attach + " (" + e.getMessage()
                    + "); start Chrome with --remote-debugging-port=PORT and pass --attach http://127.0.0.1:PORT", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecorderException("interrupted while asking " + attach + " for its DevTools endpoint", e);
        }
    }
}
