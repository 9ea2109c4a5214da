package dev.kosmirecorder.webui.internal;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.store.FrameQuery;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the frame API's query string ({@code after, before, limit, direction, type, operation, text, connection})
 * into the store's keyset {@link FrameQuery}; bad values are refused with a message naming the parameter.
 */
public final class FrameFilters {
    public static final int DEFAULT_LIMIT = 100;
    private static final int MAX_FILTER_LENGTH = 200;

    private FrameFilters() {
    }

    /** {@code param} gives a query parameter's value or null. */
    public static FrameQuery query(String sessionId, Function<String, String> param) {
        long after = longParam(param, "after", -1, -1, Long.MAX_VALUE);
        int limit = (int) longParam(param, "limit", DEFAULT_LIMIT, 1, FrameQuery.MAX_LIMIT);
        Integer connection = param.apply("connection") == null || param.apply("connection").isBlank() ? null
                : (int) longParam(param, "connection", 0, 0, Integer.MAX_VALUE);
        String dir = param.apply("direction");
        Direction direction = null;
        if (dir != null && !dir.isBlank()) {
            try {
                direction = Direction.fromWireName(dir);
            } catch (IllegalArgumentException e) {
                throw new RequestGuard.Refusal(400, "bad direction '" + cut(dir) + "': use sent or received");
            }
        }
        return new FrameQuery(sessionId, connection, direction, text(param, "type"), text(param, "operation"), text(param, "text"), after, limit);
    }

    /** The {@code before} cursor (a page ending just below that seq), or null; it cannot be combined with {@code after}. */
    public static Long before(Function<String, String> param) {
        String v = param.apply("before");
        if (v == null || v.isBlank()) {
            return null;
        }
        String after = param.apply("after");
        if (after != null && !after.isBlank()) {
            throw new RequestGuard.Refusal(400, "give after or before, not both: after pages forward, before pages back");
        }
        return longParam(param, "before", 0, 0, Long.MAX_VALUE);
    }

    /** A time in milliseconds since the session start ({@code 12500} or {@code 12500.25}) as microseconds. */
    public static long timeMicros(String millis) {
        if (millis == null || millis.isBlank()) {
            throw new RequestGuard.Refusal(400, "parameter t is missing: give a time in milliseconds since the session start, for example t=12500");
        }
        try {
            double ms = Double.parseDouble(millis.strip());
            if (!(ms >= 0) || ms > 1e15) {
                throw new NumberFormatException();
            }
            return Math.round(ms * 1000);
        } catch (NumberFormatException e) {
            throw new RequestGuard.Refusal(400, "bad t '" + cut(millis) + "': expected milliseconds since the session start, 0 or more");
        }
    }

    public static FrameQuery query(String sessionId, Map<String, String> params) {
        return query(sessionId, params::get);
    }

    private static String text(Function<String, String> param, String name) {
        String v = param.apply(name);
        if (v != null && v.length() > MAX_FILTER_LENGTH) {
            throw new RequestGuard.Refusal(400, "the " + name + " filter is longer than " + MAX_FILTER_LENGTH + " characters; shorten it");
        }
        return v;
    }

    private static long longParam(Function<String, String> param, String name, long dflt, long min, long max) {
        String v = param.apply(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RequestGuard.Refusal(400, "bad " + name + " '" + cut(v) + "': expected a whole number from " + min + " to " + max);
        }
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
