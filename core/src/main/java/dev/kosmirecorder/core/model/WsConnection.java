package dev.kosmirecorder.core.model;

import java.util.Objects;

/**
 * One WebSocket connection attempt: the handshake as really sent, the server's answer, and how it ended.
 * {@code status} is 101 for an accepted upgrade, the refusal status (for example 403) when {@code rejected},
 * and 0 when no answer is known. Times are microseconds since the session start. {@code error} holds the
 * refusal reason or the browser's error text; {@code responseBody} the refused answer's body where known.
 */
public record WsConnection(
        int id,
        String requestId,
        String url,
        Headers requestHeaders,
        int status,
        String statusText,
        Headers responseHeaders,
        String subprotocol,
        Payload responseBody,
        long openedMicros,
        Long closedMicros,
        Integer closeCode,
        String closeReason,
        boolean rejected,
        String error) {

    public WsConnection {
        Objects.requireNonNull(url, "url");
        requestId = requestId == null ? "" : requestId;
        requestHeaders = requestHeaders == null ? Headers.EMPTY : requestHeaders;
        responseHeaders = responseHeaders == null ? Headers.EMPTY : responseHeaders;
        statusText = statusText == null ? "" : statusText;
        subprotocol = subprotocol == null ? "" : subprotocol;
        responseBody = responseBody == null ? Payload.EMPTY : responseBody;
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        if (closedMicros != null && closedMicros < openedMicros) {
            throw new IllegalArgumentException("connection " + id + " closes (" + closedMicros + " us) before it opens (" + openedMicros + " us)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).requestId(requestId).url(url).requestHeaders(requestHeaders).status(status)
                .statusText(statusText).responseHeaders(responseHeaders).subprotocol(subprotocol)
                .responseBody(responseBody).openedMicros(openedMicros).closedMicros(closedMicros)
                .closeCode(closeCode).closeReason(closeReason).rejected(rejected).error(error);
    }

    /** Builds connections field by field, as the handshake and its answer arrive. */
    public static final class Builder {
        private int id;
        private String requestId;
        private String url;
        private Headers requestHeaders;
        private int status;
        private String statusText;
        private Headers responseHeaders;
        private String subprotocol;
        private Payload responseBody;
        private long openedMicros;
        private Long closedMicros;
        private Integer closeCode;
        private String closeReason;
        private boolean rejected;
        private String error;

        public Builder id(int v) { id = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder url(String v) { url = v; return this; }
        public Builder requestHeaders(Headers v) { requestHeaders = v; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder statusText(String v) { statusText = v; return this; }
        public Builder responseHeaders(Headers v) { responseHeaders = v; return this; }
        public Builder subprotocol(String v) { subprotocol = v; return this; }
        public Builder responseBody(Payload v) { responseBody = v; return this; }
        public Builder openedMicros(long v) { openedMicros = v; return this; }
        public Builder closedMicros(Long v) { closedMicros = v; return this; }
        public Builder closeCode(Integer v) { closeCode = v; return this; }
        public Builder closeReason(String v) { closeReason = v; return this; }
        public Builder rejected(boolean v) { rejected = v; return this; }
        public Builder error(String v) { error = v; return this; }

        public WsConnection build() {
            return new WsConnection(id, requestId, url, requestHeaders, status, statusText, responseHeaders,
                    subprotocol, responseBody, openedMicros, closedMicros, closeCode, closeReason, rejected, error);
        }
    }
}
