package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.replayer.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Decides each {@code GET /gql-ws} upgrade: refuses it with a 403 that says exactly why (strict mode, the
 * reject-upgrade fault), or accepts it in the dialect the client asked for and hands it a
 * {@link ClientConnection}. Every attempt goes into the audit with its headers as received. When it refuses,
 * this creator writes the response and completes Jetty's callback itself, and returns null.
 */
public final class HandshakeGate implements WebSocketCreator {
    public static final String REASON_HEADER = "X-Kosmi-Mock-Reason";

    private final MockContext ctx;

    public HandshakeGate(MockContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        int id = ctx.audit().nextConnectionId();
        long now = ctx.audit().micros();
        Headers headers = Audit.headers(request.getHeaders());
        WsConnection.Builder attempt = WsConnection.builder().id(id).url(request.getHttpURI().asString())
                .requestHeaders(headers).openedMicros(now);
        List<String> offered = request.getSubProtocols();
        List<String> refusals = refusals(request.getHeaders().get(HttpHeader.ORIGIN), offered);
        if (!refusals.isEmpty()) {
            String reason = String.join("; ", refusals);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("status", 403);
            body.put("error", "WebSocket handshake refused by the kosmi-recorder mock");
            body.putArray("reasons").addAll(refusals.stream().map(JsonNodeFactory.instance::textNode).toList());
            body.put("strict", ctx.settings().strict());
            String text = Json.compact(body);
            String header = headerSafe(reason);
            response.setStatus(403);
            response.getHeaders().put(REASON_HEADER, header);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            // Audited before the answer leaves: a client that has its 403 finds the attempt in the audit.
            ctx.audit().connection(attempt.status(403).statusText("Forbidden").rejected(true).error(reason)
                    .responseHeaders(Headers.of(REASON_HEADER, header, "Content-Type", "application/json"))
                    .responseBody(Payload.ofText(text)).closedMicros(now).build());
            ctx.listener().refused(remote(request), request.getHttpURI().getPath(), 403, reason);
            Content.Sink.write(response, true, text, callback);
            return null;
        }
        Optional<Dialect> asked = offered.stream().map(Dialect::fromSubprotocol).flatMap(Optional::stream).findFirst();
        Dialect dialect = asked.orElse(ctx.script().recordedDialect());
        // Chrome fails a handshake that asked for a subprotocol and got none back, so echo the one chosen.
        asked.ifPresent(d -> response.setAcceptedSubProtocol(d.subprotocol()));
        ExtensionChoice.choose(ctx.settings().extensions(), ctx.script().recordedExtensions(), request.getExtensions())
                .ifPresent(response::setExtensions);
        WsConnection accepted = attempt.status(101).statusText("Switching Protocols")
                .subprotocol(asked.map(Dialect::subprotocol).orElse(""))
                .responseHeaders(asked.map(d -> Headers.of("Sec-WebSocket-Protocol", d.subprotocol())).orElse(Headers.EMPTY))
                .build();
        ctx.audit().connection(accepted);
        return new ClientConnection(ctx, dialect, accepted, remote(request));
    }

    /** {@code host:port} of the client, as a log line names it. */
    static String remote(Request request) {
        String host = Request.getRemoteAddr(request);
        return (host != null && host.contains(":") ? "[" + host + "]" : host) + ":" + Request.getRemotePort(request);
    }

    /** What is missing or wrong in a handshake, one sentence each; empty when it is accepted. */
    List<String> refusals(String origin, List<String> offered) {
        List<String> reasons = new ArrayList<>();
        if (ctx.settings().has(Fault.Kind.REJECT_UPGRADE)) {
            reasons.add("fault reject-upgrade is on: the mock refuses every WebSocket upgrade");
        }
        if (!ctx.settings().strict()) {
            return reasons;
        }
        String expected = ctx.settings().origin();
        if (origin == null || origin.isBlank()) {
            reasons.add("Origin header missing: strict mode requires Origin " + expected + ", as a browser on it sends");
        } else if (!origin.equals(expected)) {
            reasons.add("Origin '" + GraphQlRequest.cut(origin, 100) + "' is not allowed: strict mode requires Origin " + expected);
        }
        if (offered.isEmpty()) {
            reasons.add("Sec-WebSocket-Protocol missing: strict mode requires graphql-ws (or graphql-transport-ws)");
        } else if (offered.stream().map(Dialect::fromSubprotocol).allMatch(Optional::isEmpty)) {
            reasons.add("Sec-WebSocket-Protocol '" + GraphQlRequest.cut(String.join(", ", offered), 100)
                    + "' is not spoken here: ask for graphql-ws (or graphql-transport-ws)");
        }
        return reasons;
    }

    /** A header value cannot carry control characters or non-ASCII; a hostile Origin must not break the response. */
    private static String headerSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && b.length() < 1000; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
