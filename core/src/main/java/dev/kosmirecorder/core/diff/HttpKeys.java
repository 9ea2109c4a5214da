package dev.kosmirecorder.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.protocol.GraphQlMessage;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How HTTP exchanges are matched between captures: a GraphQL request by its operation (its {@code operationName},
 * the name in its query, or for an anonymous one its first root field), anything else by method, host and path.
 * Ports of loopback hosts are dropped, since test servers and local mocks bind a new port every run.
 */
final class HttpKeys {
    private static final Pattern FIRST_FIELD = Pattern.compile("^\\s*(?:(query|mutation|subscription)\\s*)?\\{\\s*([_A-Za-z][_0-9A-Za-z]*)");
    private static final Pattern LOOPBACK_PORT = Pattern.compile("(?i)(//|^)(127\\.0\\.0\\.1|localhost|\\[::1\\]):\\d+");

    private HttpKeys() {
    }

    static String of(HttpExchange e, JsonNode request) {
        if (request != null && request.isObject() && request.path("query").isTextual()) {
            JsonNode name = request.get("operationName");
            if (name != null && name.isTextual() && !name.asText().isBlank()) {
                return name.asText();
            }
            String query = request.get("query").asText();
            String named = GraphQlMessage.operationNameOf(query);
            if (named != null) {
                return named;
            }
            Matcher m = FIRST_FIELD.matcher(query);
            if (m.find()) {
                return (m.group(1) == null ? "query" : m.group(1)) + " { " + m.group(2) + " }";
            }
        }
        return e.method() + " " + hostAndPath(e.url());
    }

    /** {@code host/path} of a URL without scheme, query or loopback port: a query string may carry a token. */
    static String hostAndPath(String url) {
        try {
            URI u = URI.create(url);
            String host = u.getHost() == null ? "" : u.getHost();
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            boolean loopback = host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]");
            return host + (u.getPort() < 0 || loopback ? "" : ":" + u.getPort()) + path;
        } catch (IllegalArgumentException e) {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }
    }

    static String withoutLoopbackPort(String value) {
        return LOOPBACK_PORT.matcher(value).replaceAll("$1$2");
    }
}
