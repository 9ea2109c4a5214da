package dev.kosmirecorder.core.model;

import java.util.Objects;

/**
 * One HTTP request and its response, as the browser saw them. Times are microseconds since the session start;
 * {@code status} is 0 and {@code error} says why when no response arrived.
 */
public record HttpExchange(
        int id,
        String requestId,
        String method,
        String url,
        Headers requestHeaders,
        Payload requestBody,
        int status,
        Headers responseHeaders,
        Payload responseBody,
        long startMicros,
        Long endMicros,
        String error) {

    public HttpExchange {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        requestId = requestId == null ? "" : requestId;
        requestHeaders = requestHeaders == null ? Headers.EMPTY : requestHeaders;
        responseHeaders = responseHeaders == null ? Headers.EMPTY : responseHeaders;
        requestBody = requestBody == null ? Payload.EMPTY : requestBody;
        responseBody = responseBody == null ? Payload.EMPTY : responseBody;
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        if (endMicros != null && endMicros < startMicros) {
            throw new IllegalArgumentException("exchange " + id + " ends (" + endMicros + " us) before it starts (" + startMicros + " us)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).requestId(requestId).method(method).url(url).requestHeaders(requestHeaders)
                .requestBody(requestBody).status(status).responseHeaders(responseHeaders).responseBody(responseBody)
                .startMicros(startMicros).endMicros(endMicros).error(error);
    }

    /** Builds exchanges field by field, as CDP reports them piece by piece. */
    public static final class Builder {
        private int id;
        private String requestId;
        private String method = "GET";
        private String url;
        private Headers requestHeaders;
        private Payload requestBody;
        private int status;
        private Headers responseHeaders;
        private Payload responseBody;
        private long startMicros;
        private Long endMicros;
        private String error;

        public Builder id(int v) { id = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder url(String v) { url = v; return this; }
        public Builder requestHeaders(Headers v) { requestHeaders = v; return this; }
        public Builder requestBody(Payload v) { requestBody = v; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder responseHeaders(Headers v) { responseHeaders = v; return this; }
        public Builder responseBody(Payload v) { responseBody = v; return this; }
        public Builder startMicros(long v) { startMicros = v; return this; }
        public Builder endMicros(Long v) { endMicros = v; return this; }
        public Builder error(String v) { error = v; return this; }

        public HttpExchange build() {
            return new HttpExchange(id, requestId, method, url, requestHeaders, requestBody, status, responseHeaders,
                    responseBody, startMicros, endMicros, error);
        }
    }
}
