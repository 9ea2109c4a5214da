package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.cli.probe.Attempt;
import dev.kosmirecorder.cli.probe.AttemptResult;
import dev.kosmirecorder.cli.probe.Prober;
import dev.kosmirecorder.core.format.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code probe <ws URL>}: the handshake matrix that shows where, and why, a WebSocket handshake is refused. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tries the WebSocket handshake step by step, adding one thing the browser sends at a time: no headers; "
                + "Origin only; the subprotocol only; Origin + subprotocol; + a token in connection_init; + cookies.",
                "For each attempt it prints the phase it reached (connect, TLS, HTTP upgrade, subprotocol, connection_init answer), "
                        + "the HTTP status, the response headers that tell who refused and why (Server, Via, X-Kosmi-Mock-Reason, "
                        + "Sec-WebSocket-Protocol), and a one-line diagnosis. wss:// trusts what the JVM's trust store trusts.",
                "The exit code is 0 when the probe ran, whatever the server answered; 2 for a URL that is not ws:// or wss://.",
                "It never opens the store: --db, which every command accepts, is ignored here."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder probe wss://engine.kosmi.io/gql-ws",
                "  kosmi-recorder probe ws://127.0.0.1:8787/gql-ws --json",
                "  kosmi-recorder probe ws://127.0.0.1:8787/gql-ws --cookie 'a=1; b=2'"})
final class ProbeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "The WebSocket URL, for example wss://engine.kosmi.io/gql-ws or ws://127.0.0.1:8787/gql-ws.")
    String url;

    @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = Attempt.BROWSER_ORIGIN,
            description = "The Origin to send in the attempts that send one (default: ${DEFAULT-VALUE}, as the browser does).")
    String origin;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A token to send in connection_init from attempt 5 on; without it attempt 5 is skipped.")
    String token;

    @Option(names = "--cookie", paramLabel = "COOKIE", description = "A Cookie header value such as 'a=1; b=2' for attempt 6; without it attempt 6 is skipped.")
    String cookie;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long each attempt may wait for the server: 90, 90s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + url + "' is not a valid URL (" + e.getReason()
                    + "); write it as ws://HOST:PORT/PATH or wss://HOST/PATH");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + url + "' is not a WebSocket URL; write it as "
                    + "ws://HOST:PORT/PATH or wss://HOST/PATH");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than 0; write it as 10s or 500ms");
        }
        List<AttemptResult> results;
        try (Prober prober = new Prober(uri, timeout)) {
            prober.checkReachable();
            results = prober.run(Attempt.matrix(origin, token, cookie));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.canonical(toJson(uri, results)));
        } else {
            print(out, uri, results);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, URI uri, List<AttemptResult> results) {
        out.println("Probing " + uri);
        Table table = new Table("#", "ATTEMPT", "REACHED", "RESULT", "STATUS", "SERVER", "VIA", "MOCK-REASON", "PROTOCOL");
        for (AttemptResult r : results) {
            table.row(r.attempt().number(), r.attempt().name(), r.reached() == null ? "-" : r.reached().label(),
                    r.outcome().name().toLowerCase(Locale.ROOT), r.status() == 0 ? "-" : r.status(), header(r, "Server"), header(r, "Via"),
                    header(r, "X-Kosmi-Mock-Reason"), header(r, "Sec-WebSocket-Protocol"));
        }
        table.print(out);
        out.println();
        for (AttemptResult r : results) {
            out.println(r.attempt().number() + ". " + Table.clean(r.attempt().name()) + ": " + TerminalText.oneLine(r.diagnosis()));
        }
    }

    private static String header(AttemptResult r, String name) {
        return r.headers().getOrDefault(name, "-");
    }

    /** The JSON form; the token and cookie values are secrets and are only said to have been sent. */
    static ObjectNode toJson(URI uri, List<AttemptResult> results) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("url", uri.toString());
        ArrayNode attempts = root.putArray("attempts");
        for (AttemptResult r : results) {
            ObjectNode o = attempts.addObject();
            Attempt a = r.attempt();
            o.put("attempt", a.number());
            o.put("name", a.name());
            ObjectNode sent = o.putObject("sent");
            sent.put("origin", a.origin());
            sent.put("subprotocol", a.subprotocol());
            sent.put("token", a.token() != null);
            sent.put("cookie", a.cookie() != null);
            o.put("reached", r.reached() == null ? null : r.reached().label());
            o.put("result", r.outcome().name().toLowerCase(Locale.ROOT));
            if (r.status() == 0) {
                o.putNull("status");
            } else {
                o.put("status", r.status());
            }
            ObjectNode headers = o.putObject("headers");
            r.headers().forEach(headers::put);
            o.put("body", r.body());
            o.put("answer", r.answer());
            o.put("diagnosis", r.diagnosis());
        }
        return root;
    }
}
