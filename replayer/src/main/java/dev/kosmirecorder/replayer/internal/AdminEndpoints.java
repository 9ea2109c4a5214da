package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.replayer.JournalFilter;
import dev.kosmirecorder.replayer.PushException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The test-facing admin endpoints (SPEC §6): {@code GET} and {@code DELETE /__admin/journal}, and
 * {@code POST /__admin/push}. Every answer is JSON; every refusal is a 4xx {@code {"error":"…"}} that says what to
 * send instead.
 */
public final class AdminEndpoints {
    public static final String JOURNAL = "/__admin/journal";
    public static final String PUSH = "/__admin/push";
    private static final Set<String> JOURNAL_PARAMETERS = Set.of("operation", "type", "connection", "after", "limit");

    private final MockContext ctx;

    public AdminEndpoints(MockContext ctx) {
        this.ctx = ctx;
    }

    public boolean handle(String path, Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        try {
            if (path.equals(JOURNAL) && method.equals("GET")) {
                Journal.Page page = ctx.journal().find(filter(Request.extractQueryParameters(request)));
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                page.entries().forEach(e -> o.withArray("frames").add(e.toJson()));
                o.withArray("frames");
                o.put("next", page.next());
                return json(response, callback, 200, o);
            }
            if (path.equals(JOURNAL) && method.equals("DELETE")) {
                ctx.journal().clear();
                return json(response, callback, 200, JsonNodeFactory.instance.objectNode().put("cleared", true));
            }
            if (path.equals(PUSH) && method.equals("POST")) {
                return json(response, callback, 200, JsonNodeFactory.instance.objectNode().put("delivered", push(request)));
            }
        } catch (BadRequest e) {
            return error(response, callback, e.status, e.getMessage());
        } catch (PushException e) {
            return error(response, callback, e.reason() == PushException.Reason.UNKNOWN_OPERATION ? 404 : 400, e.getMessage());
        }
        response.getHeaders().put(HttpHeader.ALLOW, path.equals(JOURNAL) ? "GET, DELETE" : "POST");
        return error(response, callback, 405, method + " " + path + " is not served; use "
                + (path.equals(JOURNAL) ? "GET (list) or DELETE (empty)" : "POST with {\"operation\":…, \"payload\":{…}}"));
    }

    static JournalFilter filter(Fields query) {
        for (String name : query.getNames()) {
            if (!JOURNAL_PARAMETERS.contains(name)) {
                throw new BadRequest(400, "unknown parameter '" + GraphQlRequest.cut(name, 40)
                        + "'; the journal filters by operation, type, connection, after (a seq) and limit");
            }
        }
        try {
            return new JournalFilter(query.getValue("operation"), query.getValue("type"),
                    integer(query, "connection", 0), Optional.ofNullable(number(query, "after")).orElse(0L),
                    integer(query, "limit", 1));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
    }

    private static Integer integer(Fields query, String name, int min) {
        Long n = number(query, name);
        if (n != null && (n < min || n > Integer.MAX_VALUE)) {
            throw new BadRequest(400, name + " must be a whole number from " + min + ": " + n);
        }
        return n == null ? null : n.intValue();
    }

    private static Long number(Fields query, String name) {
        String v = query.getValue(name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name + " must be a whole number >= 0: '" + GraphQlRequest.cut(v, 40) + "'");
        }
    }

    private int push(Request request) throws IOException {
        int limit = ctx.settings().maxFrameBytes();
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(limit + 1);
        }
        if (body.length > limit) {
            throw new BadRequest(413, "the push body is over " + limit + " bytes; send a smaller result or raise --max-frame");
        }
        ObjectNode o = ReplayScript.object(new String(body, StandardCharsets.UTF_8)).orElseThrow(() -> new BadRequest(400,
                "the body is not a JSON object; send {\"operation\":\"NewMessageSubscription\", \"payload\":{\"data\":{…}}} "
                        + "or {\"operation\":…, \"recorded\":1}"));
        JsonNode operation = o.get("operation");
        if (operation == null || !operation.isTextual()) {
            throw new BadRequest(400, "\"operation\" must be the name of a recorded operation, such as \"NewMessageSubscription\"");
        }
        JsonNode recorded = o.get("recorded");
        if (o.has("payload") == (recorded != null)) {
            throw new BadRequest(400, "send exactly one of \"payload\" (a result such as {\"data\":{…}}) and \"recorded\" "
                    + "(the Nth recorded result, from 1)");
        }
        Push push = new Push(ctx);
        if (recorded == null) {
            return push.result(operation.asText(), o.get("payload"));
        }
        if (!recorded.canConvertToInt() || !recorded.isIntegralNumber()) {
            throw new BadRequest(400, "\"recorded\" must be a whole number (1 = the first recorded result): " + recorded);
        }
        return push.recorded(operation.asText(), recorded.asInt());
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        return MockHttpHandler.error(response, callback, status, message);
    }

    private static boolean json(Response response, Callback callback, int status, JsonNode body) {
        return MockHttpHandler.json(response, callback, status, body);
    }

    /** A refused admin request: its status and what to send instead. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
