package dev.kosmirecorder.bench;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 5: {@code serve --port 0 --no-ui} started by the launcher ({@link ServeLauncher}), launch to {@code /__admin/health} 200, and its
 * resident memory (VmRSS) after replaying the built-in room to 10 clients. The baseline is the same JVM starting
 * a class that only prints a line (launch to its line): the cost of a JVM on this machine, measured alongside.
 */
final class StartupBenchmark {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Where {@link Hello} was loaded from: a folder of classes, nothing else on the baseline's class path. */
    private static final String HELLO_CLASSES = classesOf(Hello.class);
    private final Path project;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private long lastRssBytes;

    StartupBenchmark(Path project) {
        this.project = project;
    }

    /** Launch to health 200, in ms; also replays the room to 10 clients and keeps the RSS. */
    Harness.Measurement serve() {
        return () -> {
            long started = System.nanoTime();
            Process p = ServeLauncher.serve(project, "--port", "0", "--no-ui", "--speed", "0").start();
            try {
                URI base = URI.create(firstMatch(p, LISTENING));
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/__admin/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() != 200) {
                    throw new IllegalStateException("health answered " + health.statusCode());
                }
                double millis = (System.nanoTime() - started) / 1e6;
                replayRoomTo(URI.create("ws://127.0.0.1:" + base.getPort() + "/gql-ws"), 10);
                lastRssBytes = rssBytes(p.pid());
                return millis;
            } finally {
                stop(p);
            }
        };
    }

    /** Launch of a JVM that prints one line and exits, to that line, in ms. */
    Harness.Measurement bareJvm() {
        return () -> {
            long started = System.nanoTime();
            Process p = new ProcessBuilder(java, "-cp", HELLO_CLASSES, Hello.class.getName()).redirectErrorStream(true).start();
            try {
                firstMatch(p, Pattern.compile("(hello)"));
                return (System.nanoTime() - started) / 1e6;
            } finally {
                stop(p);
            }
        };
    }

    /** Resident memory after the last {@link #serve()} run, in MiB. */
    double lastRssMiB() {
        return lastRssBytes / (1024.0 * 1024);
    }

    /** Every client plays the room's client side: one page per recorded start, in order. */
    private static void replayRoomTo(URI ws, int clients) throws Exception {
        Capture room = BuiltInFixtures.kosmiRoom();
        List<String> starts = room.frames().stream()
                .filter(f -> f.direction() == Direction.SENT && "start".equals(f.message().type()))
                .map(Frame::text).toList();
        // The room's subscriptions end only when stopped, so each client asks for the queries, which complete.
        List<String> queries = new ArrayList<>();
        for (String s : starts) {
            if (!s.contains("subscription ")) {
                queries.add(s);
            }
        }
        PagingClients.run(ws, clients, queries, 0, false, WAIT);
    }

    private static String firstMatch(Process p, Pattern pattern) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("the process ended without printing " + pattern + "; it printed:\n" + seen);
    }

    private static String classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** Ends the process this benchmark started, by its own handle, and waits for it. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The baseline's main class: prints a line, nothing else. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }
}
