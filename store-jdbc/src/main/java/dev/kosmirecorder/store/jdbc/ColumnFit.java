package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes captured text fit its column, so that no value from outside (a URL, a header list, a close reason) can fail a
 * write and, with it, the rest of a recording or an audit. Since schema version 3 every such column holds
 * {@link #MAX_CHARS}; a longer value keeps its start and says how much was cut.
 */
final class ColumnFit {
    /** The width of the text columns since V3: the largest VARCHAR both H2 and PostgreSQL accept. */
    static final int MAX_CHARS = 10_485_760;
    /** Room kept for the marker and for the JSON around a header or attribute value. */
    private static final int MARKER_ROOM = 64;

    private ColumnFit() {
    }

    static String text(String value) {
        return text(value, MAX_CHARS);
    }

    static String text(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int keep = Math.max(0, max - MARKER_ROOM);
        return value.substring(0, keep) + "…[cut by kosmi-recorder: " + (value.length() - keep) + " more characters]";
    }

    /**
     * Headers cut so their JSON fits a column: every name and value gets an equal share of it, {@code divisor} times
     * smaller on each retry (JSON escapes can make a value up to six times longer).
     */
    static java.util.Map<String, String> attributes(java.util.Map<String, String> attributes, int divisor) {
        int share = Math.max(MARKER_ROOM, MAX_CHARS / Math.max(1, attributes.size()) / divisor - MARKER_ROOM);
        java.util.Map<String, String> fitted = new java.util.TreeMap<>();
        attributes.forEach((k, v) -> fitted.put(text(k, Math.max(MARKER_ROOM, share / 8)), text(v, share)));
        return fitted;
    }

    static Headers headers(Headers headers, int divisor) {
        int share = MAX_CHARS / Math.max(1, headers.size()) / divisor - MARKER_ROOM;
        List<Header> fitted = new ArrayList<>(headers.size());
        for (Header h : headers.list()) {
            fitted.add(new Header(text(h.name(), Math.max(MARKER_ROOM, share / 8)), text(h.value(), Math.max(MARKER_ROOM, share))));
        }
        return new Headers(fitted);
    }
}
