package dev.kosmirecorder.recorder;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts whose HTTP exchanges and WebSocket connections a recording keeps ({@code --host H[:PORT]},
 * repeatable). A host without a port matches every port; names compare without case.
 */
public record HostFilter(List<Entry> entries) {
    public static final String DEFAULT_HOST = "engine.kosmi.io";
    private static final Pattern ENTRY = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?");

    /** One {@code --host} value: a name or address, and a port or -1 for any. */
    public record Entry(String host, int port) {
        @Override
        public String toString() {
            return port < 0 ? host : host + ":" + port;
        }
    }

    public HostFilter {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("at least one host is needed");
        }
    }

    /** Parses {@code --host} values; throws with the bad value and the expected shape. */
    public static HostFilter parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return parse(List.of(DEFAULT_HOST));
        }
        return new HostFilter(values.stream().map(HostFilter::entry).toList());
    }

    private static Entry entry(String value) {
        Matcher m = ENTRY.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a host; write it as HOST or HOST:PORT, for example engine.kosmi.io or 127.0.0.1:8787");
        }
        int port = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + value + "' is above 65535");
        }
        return new Entry(m.group(1).toLowerCase(Locale.ROOT), port);
    }

    /** Whether an http(s) or ws(s) URL goes to one of the hosts. */
    public boolean matches(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = uri.getHost();
        String scheme = uri.getScheme();
        if (host == null || scheme == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme.toLowerCase(Locale.ROOT));
        for (Entry e : entries) {
            if (e.host().equals(h) && (e.port() < 0 || e.port() == port)) {
                return true;
            }
        }
        return false;
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        return entries.stream().map(Entry::toString).reduce((a, b) -> a + "," + b).orElse("");
    }
}
