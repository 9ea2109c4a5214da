package dev.kosmirecorder.webui.internal;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * What every request passes before a handler sees it: the Host must be a loopback name (a DNS-rebinding page
 * on evil.example that resolves to 127.0.0.1 still sends {@code Host: evil.example}), state-changing methods
 * must come from the UI's own origin, and every answer carries a Content-Security-Policy that forbids inline
 * script, so captured text that slipped into the DOM as markup still could not run.
 */
public final class RequestGuard {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private RequestGuard() {
    }

    public static void install(JavalinConfig config) {
        config.routes.before(RequestGuard::check);
        config.routes.exception(Refusal.class, (e, ctx) -> Api.error(ctx, e.status(), e.getMessage()));
    }

    /** Refuses to bind anywhere but a loopback address. */
    public static void requireLoopbackBind(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("the web UI binds only to a loopback address (127.0.0.1 or ::1), not " + host
                        + ": it shows captured tokens to whoever can reach it");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host to bind the web UI to: " + host + "; use 127.0.0.1", e);
        }
    }

    static void check(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        String host = ctx.header("Host");
        if (!isLoopbackHost(host)) {
            throw new Refusal(403, "refused: Host '" + abbreviate(host) + "' is not a loopback name; open the UI at http://127.0.0.1:"
                    + ctx.req().getLocalPort() + "/ (this guards against DNS rebinding)");
        }
        if (!SAFE_METHODS.contains(ctx.method())) {
            String origin = ctx.header("Origin");
            if (!isOwnOrigin(origin, host)) {
                throw new Refusal(403, "refused: a " + ctx.method() + " must come from the UI's own page (Origin http://" + host
                        + "), not from " + (origin == null ? "a request without Origin" : "'" + abbreviate(origin) + "'"));
            }
        }
    }

    /** localhost, 127.0.0.1 or [::1], with or without a port. */
    static boolean isLoopbackHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            String port = h.substring(colon + 1);
            if (port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5) {
                return false;
            }
            h = h.substring(0, colon);
        }
        return LOOPBACK_NAMES.contains(h);
    }

    /** The page's origin is the scheme plus the Host it was loaded from; the Host is checked to be loopback already. */
    static boolean isOwnOrigin(String origin, String host) {
        return origin != null && origin.equalsIgnoreCase("http://" + host.strip());
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
    }

    /** A request the guard or a handler refuses, answered as {@code {"error": message}} with the status. */
    static final class Refusal extends RuntimeException {
        private final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
