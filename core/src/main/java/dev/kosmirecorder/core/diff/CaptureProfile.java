package dev.kosmirecorder.core.diff;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@code diff} compares about one capture, reduced to a size that does not grow with its frames:
 * operations, message types per direction ({@code sent.connection_init}), handshake headers (lower-case names),
 * connection facts ({@code subprotocol}, {@code extensions}, {@code url}, {@code status}), the
 * {@code connection_init} payload's fields, and the HTTP exchanges by operation.
 */
public record CaptureProfile(
        String label,
        long frames,
        Map<String, OperationProfile> operations,
        Map<String, Long> messageTypes,
        Map<String, ValueSet> requestHeaders,
        Map<String, ValueSet> responseHeaders,
        Map<String, ValueSet> connection,
        Map<String, ValueSet> initFields,
        Map<String, HttpProfile> http) {

    public CaptureProfile {
        operations = sorted(operations);
        messageTypes = sorted(messageTypes);
        requestHeaders = sorted(requestHeaders);
        responseHeaders = sorted(responseHeaders);
        connection = sorted(connection);
        initFields = sorted(initFields);
        http = sorted(http);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
