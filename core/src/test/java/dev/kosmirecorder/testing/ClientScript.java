package dev.kosmirecorder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.WsConnection;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client side of a capture, as the shared browser page ({@link ClientPage}) plays it against a mock: the
 * recorded token POST, then, on the first accepted connection, every text frame the client sent, each after the
 * server frames the recording shows before it. The page uses its own operation ids ({@link #PAGE_ID_PREFIX} + the
 * recorded id) and puts the token it obtained where the recorded client sent a JWT ({@link #TOKEN_MARKER}).
 *
 * <p>"After" counts server frames by graphql-ws {@code type} and {@code id} (keep-alives excluded, their number
 * depends on timing), so the page waits for what the recording waited for, whatever order a faster replay sends
 * it in. The JSON: {@code {token: {body, contentType} | null, path, subprotocol, tokenMarker,
 * steps: [{after: {"type:id": count}, send: text}]}}.
 */
public final class ClientScript {
    public static final String TOKEN_MARKER = "{{token}}";
    public static final String PAGE_ID_PREFIX = "page-";

    private ClientScript() {
    }

    public static ObjectNode of(Capture capture) {
        ObjectNode script = Json.MAPPER.createObjectNode();
        tokenRequest(capture).ifPresentOrElse(e -> script.putObject("token").put("body", e.requestBody().text())
                        .put("contentType", e.requestHeaders().get("Content-Type").orElse("application/json")),
                () -> script.putNull("token"));
        WsConnection connection = capture.connections().stream().filter(c -> !c.rejected()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the capture has no accepted WebSocket connection to play"));
        script.put("path", URI.create(connection.url()).getPath());
        script.put("subprotocol", connection.subprotocol());
        script.put("tokenMarker", TOKEN_MARKER);
        Map<String, Integer> seen = new TreeMap<>();
        var steps = script.putArray("steps");
        for (Frame f : capture.framesOf(connection.id())) {
            if (f.opcode() != Opcode.TEXT) {
                continue;
            }
            Optional<ObjectNode> message = object(f.text());
            if (f.direction() == Direction.RECEIVED) {
                message.map(ClientScript::key).filter(k -> !k.equals("ka") && !k.equals("ping") && !k.equals("pong"))
                        .ifPresent(k -> seen.merge(k, 1, Integer::sum));
                continue;
            }
            ObjectNode step = steps.addObject();
            step.set("after", Json.MAPPER.valueToTree(seen));
            step.put("send", message.map(ClientScript::withPageId).map(Json::compact).orElse(f.text())
                    .replaceAll(Jwt.COMPACT.pattern(), TOKEN_MARKER));
        }
        return script;
    }

    /** The recorded POST whose answer holds a token: the page repeats it to get one from the mock. */
    private static Optional<HttpExchange> tokenRequest(Capture capture) {
        return capture.exchanges().stream()
                .filter(e -> e.method().equals("POST") && e.requestBody().isUtf8())
                .filter(e -> e.responseBody().isUtf8() && Jwt.findIn(e.responseBody().text()).isPresent())
                .findFirst();
    }

    /** How the page counts a server frame: {@code type}, or {@code type:id} with the page's id. */
    private static String key(ObjectNode m) {
        JsonNode id = m.get("id");
        String type = m.path("type").asText("");
        return id == null || id.isNull() ? type : type + ":" + PAGE_ID_PREFIX + id.asText();
    }

    private static ObjectNode withPageId(ObjectNode m) {
        JsonNode id = m.get("id");
        if (id == null || id.isNull()) {
            return m;
        }
        ObjectNode copy = m.deepCopy();
        copy.put("id", PAGE_ID_PREFIX + id.asText());
        return copy;
    }

    private static Optional<ObjectNode> object(String text) {
        try {
            return Json.MAPPER.readTree(text) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
