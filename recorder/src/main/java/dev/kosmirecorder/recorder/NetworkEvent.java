package dev.kosmirecorder.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One event of the DevTools {@code Network} domain as a browser reported it: the target session it came from
 * (a page, an iframe, a worker), the method such as {@code Network.webSocketFrameReceived}, and its parameters as
 * the protocol defines them. A driver that speaks another client library converts to this shape.
 */
public record NetworkEvent(String targetSession, String method, JsonNode params) {
    public NetworkEvent {
        targetSession = targetSession == null ? "" : targetSession;
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
    }

    @Override
    public String toString() {
        return "NetworkEvent{" + method + " from " + targetSession + "}";
    }
}
