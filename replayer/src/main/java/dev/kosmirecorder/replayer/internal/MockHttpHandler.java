package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.replayer.KosmiMock;
import dev.kosmirecorder.replayer.internal.ReplayScript.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything that is not a WebSocket upgrade: {@code POST /} (GraphQL over HTTP, with CORS as engine.kosmi.io
 * answers app.kosmi.io), the admin endpoints, and clear answers for everything else. Sits inside the
 * {@code WebSocketUpgradeHandler}, which passes non-upgrade requests through to it.
 */
public final class MockHttpHandler extends Handler.Abstract {
    /** How long a {@code POST /} body may take to arrive, so a client that stops sending frees its connection. */
    static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(10);

    private final MockContext ctx;

    public MockHttpHandler(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        switch (path) {
            case "/__admin/health" -> {
                Audit.Status audit = ctx.audit().status();
                boolean failed = audit.state().equals("failed");
                ObjectNode o = JsonNodeFactory.instance.objectNode()
                        .put("status", audit.state().equals("ok") || audit.state().equals("off") ? "ok" : "degraded")
                        .put("fixture", ctx.script().name()).put("connections", ctx.live().size());
                o.set("audit", Json.MAPPER.valueToTree(audit));
                // A failed audit is a failed component: health says so, the replay goes on.
                return json(response, callback, failed ? 503 : 200, o);
            }
            case "/__admin/connections" -> {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                ctx.live().values().stream().map(c -> c.view().toJson())
                        .sorted((a, b) -> Integer.compare(a.get("id").asInt(), b.get("id").asInt())).forEach(list::add);
                return json(response, callback, 200, list);
            }
            case AdminEndpoints.JOURNAL, AdminEndpoints.PUSH -> {
                return new AdminEndpoints(ctx).handle(path, request, response, callback); // issue 14
            }
            case "/" -> {
                if (method.equals("OPTIONS")) {
                    cors(request, response);
                    String asked = request.getHeaders().get("Access-Control-Request-Headers");
                    response.getHeaders().put("Access-Control-Allow-Methods", "POST, OPTIONS");
                    response.getHeaders().put("Access-Control-Allow-Headers", asked == null ? "content-type, authorization" : asked);
                    response.getHeaders().put("Access-Control-Max-Age", "600");
                    response.setStatus(204);
                    callback.succeeded();
                    return true;
                }
                if (method.equals("POST")) {
                    return graphQl(request, response, callback);
                }
                return error(response, callback, 405, method + " / is not served: send GraphQL as POST / with a JSON body");
            }
            case "/gql-ws" -> {
                return error(response, callback, 400, "GET /gql-ws needs a WebSocket upgrade (Connection: Upgrade, Upgrade: websocket)");
            }
            default -> {
                return error(response, callback, 404, "no such endpoint: " + method + " " + GraphQlRequest.cut(path, 100)
                        + "; the mock serves POST /, GET /gql-ws (WebSocket), GET /__admin/health, GET /__admin/connections, "
                        + "GET or DELETE /__admin/journal and POST /__admin/push");
            }
        }
    }

    /** Reads the body without holding a pool thread (see {@link BodyReader}), then answers. */
    private boolean graphQl(Request request, Response response, Callback callback) {
        long started = ctx.audit().micros();
        int limit = ctx.settings().maxFrameBytes();
        BodyReader.read(request, limit, BODY_READ_TIMEOUT, outcome -> {
            try {
                if (outcome instanceof BodyReader.Body body) {
                    answer(request, response, callback, started, body.bytes());
                } else if (outcome instanceof BodyReader.TooLarge) {
                    cors(request, response);
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    finish(request, response, callback, started, new byte[0], "-", 413, "application/json",
                            graphQlError("request body is over " + limit + " bytes; send a smaller query or raise --max-frame"));
                } else if (outcome instanceof BodyReader.TimedOut t) {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    finish(request, response, callback, started, new byte[0], "-", 408, "application/json",
                            graphQlError("the request body did not arrive within " + t.after().toSeconds() + " s; send it whole"));
                } else if (outcome instanceof BodyReader.Failed f) {
                    callback.failed(f.cause());
                }
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        });
        return true;
    }

    private void answer(Request request, Response response, Callback callback, long started, byte[] body) {
        cors(request, response);
        int status;
        String contentType = "application/json";
        String text;
        String operation = "-";
        Optional<ObjectNode> parsed = ReplayScript.object(new String(body, StandardCharsets.UTF_8));
        if (parsed.isEmpty()) {
            status = 400;
            text = graphQlError("request body is not a JSON object; send {\"query\": ..., \"operationName\": ..., \"variables\": ...}");
        } else {
            ctx.journal().http(parsed.get(), body.length); // every POST / that is a JSON object, for /__admin/journal
            GraphQlRequest wanted = GraphQlRequest.from(parsed.get());
            operation = wanted.describe();
            Optional<HttpAnswer> answer = OperationMatcher.match(ctx.script().http(), HttpAnswer::request, wanted);
            if (answer.isPresent()) {
                status = answer.get().status();
                contentType = answer.get().contentType();
                text = withMockTokens(answer.get().body());
            } else {
                status = 200;
                operation = operation + " (unmatched)";
                text = graphQlError("kosmi-recorder mock: no recorded exchange matches operation " + wanted.describe()
                        + "; the recording has: " + String.join(", ", ctx.script().httpOperationNames()));
            }
        }
        finish(request, response, callback, started, body, operation, status, contentType, text);
    }

    private void finish(Request request, Response response, Callback callback, long started, byte[] body, String operation, int status,
            String contentType, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        ctx.audit().exchange(HttpExchange.builder().id(ctx.audit().nextExchangeId()).method("POST")
                .url(request.getHttpURI().asString()).requestHeaders(Audit.headers(request.getHeaders()))
                .requestBody(Payload.of(body)).status(status)
                .responseHeaders(Audit.headers(response.getHeaders()))
                .responseBody(Payload.ofText(text)).startMicros(started).endMicros(Math.max(started, ctx.audit().micros())).build());
        ctx.listener().post(HandshakeGate.remote(request), operation, status);
        Content.Sink.write(response, true, text, callback);
    }

    /** The recorded body with every JWT replaced by one this mock signs, unless the recorded ones are asked for. */
    private String withMockTokens(String body) {
        if (ctx.settings().recordedToken()) {
            return body;
        }
        Instant now = Instant.now();
        Matcher m = Jwt.COMPACT.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = Jwt.tryDecode(m.group()).map(j -> ctx.httpSigner().sign(j, now)).orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * CORS as engine.kosmi.io does it for app.kosmi.io: the recorded origin in strict mode; in lenient mode the
     * caller's, but only for the origins of {@link #lenientlyAllowed}.
     */
    private void cors(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String allowed;
        if (ctx.settings().strict()) {
            // The recorded answer, unless --origin names another site to act as app.kosmi.io.
            allowed = ctx.settings().origin().equals(KosmiMock.KOSMI_ORIGIN)
                    ? ctx.script().recordedAllowOrigin().orElse(KosmiMock.KOSMI_ORIGIN) : ctx.settings().origin();
        } else if (origin == null) {
            allowed = "*";
        } else if (lenientlyAllowed(origin)) {
            allowed = origin;
        } else {
            // Any other site open in the developer's browser gets no CORS answer, so it cannot read the replay (or,
            // with --recorded-token, the recorded token).
            response.getHeaders().put("Vary", "Origin");
            return;
        }
        response.getHeaders().put("Access-Control-Allow-Origin", allowed);
        if (!allowed.equals("*")) {
            response.getHeaders().put("Access-Control-Allow-Credentials", "true");
        }
        response.getHeaders().put("Vary", "Origin");
    }

    /**
     * The origins a client on the developer's machine uses: the recorded web app's (and --origin's), and any page
     * served from a loopback name (a dev server on localhost:3000, a test page on 127.0.0.1).
     */
    private boolean lenientlyAllowed(String origin) {
        if (origin.equals(ctx.settings().origin()) || origin.equals(KosmiMock.KOSMI_ORIGIN)
                || ctx.script().recordedAllowOrigin().filter(origin::equals).isPresent()) {
            return true;
        }
        return LOOPBACK_ORIGIN.matcher(origin).matches();
    }

    private static final java.util.regex.Pattern LOOPBACK_ORIGIN = java.util.regex.Pattern.compile(
            "https?://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d{1,5})?", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static String graphQlError(String message) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putNull("data");
        o.putArray("errors").addObject().put("message", message);
        return Json.compact(o);
    }

    /** A JSON {@code {"error": message}} answer, as every admin endpoint gives one. */
    static boolean error(Response response, Callback callback, int status, String message) {
        return json(response, callback, status, JsonNodeFactory.instance.objectNode().put("error", message));
    }

    static boolean json(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, Json.compact(body), callback);
        return true;
    }
}
