package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.WsConnection;
import java.util.List;

/** A live connection as {@code GET /__admin/connections} shows it. */
public record ConnectionView(int id, String remote, String subprotocol, WsConnection accepted, long framesIn, long framesOut,
                             boolean initialised, List<String> operations) {

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("remote", remote);
        o.put("subprotocol", subprotocol);
        o.put("origin", accepted.requestHeaders().get("Origin").orElse(null));
        o.put("userAgent", accepted.requestHeaders().get("User-Agent").orElse(null));
        o.put("openedMicros", accepted.openedMicros());
        o.put("framesIn", framesIn);
        o.put("framesOut", framesOut);
        o.put("initialised", initialised);
        o.putArray("operations").addAll(operations.stream().map(JsonNodeFactory.instance::textNode).toList());
        return o;
    }

    /** The path of a request URL, for a log line. */
    static String path(String url) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }
}
