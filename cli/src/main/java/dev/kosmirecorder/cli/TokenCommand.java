package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.recorder.HostFilter;
import dev.kosmirecorder.recorder.RecordTarget;
import dev.kosmirecorder.recorder.Recorder;
import dev.kosmirecorder.recorder.RecorderException;
import dev.kosmirecorder.recorder.TokenFinder;
import dev.kosmirecorder.recorder.TokenFinder.FoundToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code token [--refresh]}: the newest unexpired token in the store, or a fresh one harvested with Chrome from
 * the token POST's response or a logged-in profile's {@code localStorage["token"]} (SPEC §5).
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a usable Kosmi token on stdout, and its expiry and origin on stderr.",
                "It is the newest unexpired token in the store; with --refresh, or when there is none, Chrome opens --url and "
                        + "the token is taken from the token POST's response or from localStorage[\"token\"] (log in once in a "
                        + "profile and pass --profile DIR to get your account's token). The harvest is kept as a session.",
                "Sessions marked synthetic (the built-in demo room, fixtures made by hand) are never searched: their tokens are made up."},
        footerHeading = "%nExamples:%n",
        footer = {"  kosmi-recorder token",
                "  kosmi-recorder token --refresh --profile ~/kosmi-profile --headless",
                "  kosmi-recorder --db team.mv.db token --timeout 2m",
                "  kosmi-recorder token --json | jq .expiresAt"})
final class TokenCommand implements Callable<Integer> {
    static final String KOSMI_APP = "https://app.kosmi.io/";
    private static final Duration LOCAL_STORAGE_POLL = Duration.ofMillis(500);

    @Mixin
    StoreOptions store;

    @Option(names = "--refresh", description = "Harvest a new token with Chrome even if the store holds a valid one.")
    boolean refresh;

    @Mixin
    BrowserOptions browserOptions;

    @Option(names = "--url", paramLabel = "URL", defaultValue = KOSMI_APP,
            description = "The page that obtains a token (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--host", paramLabel = "HOST[:PORT]",
            description = "A host whose token POST to watch; repeatable (default: " + HostFilter.DEFAULT_HOST + ").")
    List<String> hosts;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long to wait for a token in Chrome (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print {token, expiresAt, claims, sessionId, source} as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        browserOptions.validate(spec);
        RecordTarget page;
        HostFilter hostFilter;
        try {
            page = RecordTarget.parse(url);
            hostFilter = HostFilter.parse(hosts);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        // Reading a token from an existing store changes nothing; harvesting one (--refresh, or no store yet) records.
        try (CaptureStore captures = refresh || store.missing().isPresent() ? store.open() : store.openForReading()) {
            Optional<FoundToken> found = refresh ? Optional.empty() : TokenFinder.newestValid(captures, Instant.now());
            if (found.isEmpty()) {
                err.println(refresh ? "harvesting a new token with Chrome from " + page.url()
                        : "no unexpired token in " + captures.location() + "; harvesting a new one with Chrome from " + page.url());
                err.flush();
                found = Optional.of(harvest(captures, page, hostFilter));
            }
            print(found.get());
            return 0;
        } catch (RecorderException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    private FoundToken harvest(CaptureStore captures, RecordTarget page, HostFilter hostFilter) {
        try (BrowserOptions.OpenBrowser open = browserOptions.open()) {
            Session template = Session.start(SessionKind.RECORDING, "token", page.url(), Instant.now())
                    .withAttribute("driver", browserOptions.driver.wireName())
                    .withAttribute("purpose", "token harvest");
            Recorder recorder = Recorder.start(captures, template, open.browser(), hostFilter);
            CompletableFuture<FoundToken> token = new CompletableFuture<>();
            recorder.onExchange(e -> TokenFinder.inResponse(e).filter(j -> !j.isExpiredAt(Instant.now()))
                    .ifPresent(j -> token.complete(new FoundToken(j, recorder.sessionId(), "the response to " + e.method() + " " + e.url()))));
            recorder.ended().thenAccept(end -> token.completeExceptionally(new UserException(
                    end instanceof Recorder.End.BrowserGone g ? "the browser went away before a token appeared (" + g.reason() + ")"
                            : "the page closed before a token appeared; run token again")));
            SessionStatus status = SessionStatus.INTERRUPTED;
            try {
                recorder.open(page.url());
                FoundToken result = awaitToken(recorder, token);
                status = SessionStatus.COMPLETE;
                return result;
            } finally {
                recorder.stopping();
                recorder.finish(status);
            }
        }
    }

    /** Waits for the token POST, asking the page's localStorage meanwhile (a logged-in profile needs no POST). */
    private FoundToken awaitToken(Recorder recorder, CompletableFuture<FoundToken> token) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return token.get(LOCAL_STORAGE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                fromLocalStorage(recorder).ifPresent(token::complete);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        throw new UserException("no token appeared within " + timeout.toSeconds() + " s at " + url
                + "; log in to Kosmi once in a Chrome profile and pass --profile DIR, or raise --timeout");
    }

    private Optional<FoundToken> fromLocalStorage(Recorder recorder) {
        try {
            String value = recorder.evaluate("localStorage.getItem('token')").get(LOCAL_STORAGE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            return Jwt.tryDecode(value).filter(j -> !j.isExpiredAt(Instant.now()))
                    .map(j -> new FoundToken(j, recorder.sessionId(), "localStorage[\"token\"] of " + url));
        } catch (Exception e) {
            // The page is still loading or its origin has no localStorage yet: ask again on the next round.
            return Optional.empty();
        }
    }

    private void print(FoundToken found) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String expires = found.expiresAt().map(e -> "expires " + e + " (in " + humanDays(Duration.between(Instant.now(), e)) + ")")
                .orElse("no expiry claim");
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("token", found.jwt().raw());
            node.put("expiresAt", found.expiresAt().map(Instant::toString).orElse(null));
            node.set("claims", found.jwt().claims());
            node.put("sessionId", found.sessionId());
            node.put("source", found.source());
            out.print(Json.canonical(node));
        } else {
            out.println(found.jwt().raw());
            err.println(expires + "; from " + found.source() + " in session " + found.sessionId());
            err.println("claims: " + Json.compact(found.jwt().claims()));
        }
        out.flush();
        err.flush();
    }

    private static String humanDays(Duration d) {
        long days = d.toDays();
        if (days >= 1) {
            return days + " day" + (days == 1 ? "" : "s");
        }
        long hours = d.toHours();
        return hours >= 1 ? hours + " h" : Math.max(0, d.toMinutes()) + " min";
    }
}
