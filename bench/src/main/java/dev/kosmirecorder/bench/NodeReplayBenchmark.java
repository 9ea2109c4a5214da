package dev.kosmirecorder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay figure on the user's path: {@code serve} started by the launcher as a user starts it (audit on, in its temporary store,
 * default handshake, {@code --speed 0 --quiet}), taken by Node's {@code ws} clients with default options (they offer
 * {@code permessage-deflate}, as browsers and the common libraries do), against a plain Node {@code ws} server
 * sending the same recorded frames to the same clients. Needs {@code node} and {@code bench/node}'s
 * {@code npm ci}. serve's resident memory is sampled every {@value #RSS_SAMPLE_MILLIS} ms for its peak.
 */
final class NodeReplayBenchmark implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern PORT = Pattern.compile("PORT (\\d+)");
    private static final long RSS_SAMPLE_MILLIS = 100;

    private final Path nodeDir;
    private final Path conversation;
    private final int messagesEach;
    private final int framesPerRun;
    private final Process serve;
    private final URI serveBase;
    private final Process plain;
    private final URI plainWs;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong peakRssBytes = new AtomicLong();
    private final ScheduledExecutorService rssSampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-rss-sampler");
        t.setDaemon(true);
        return t;
    });
    private int serveErrors;
    private int plainErrors;

    NodeReplayBenchmark(Path project, Path dir, int pages, int messagesEach, int framesPerRun) throws Exception {
        this.nodeDir = project.resolve("bench/node");
        if (!Files.isDirectory(nodeDir.resolve("node_modules/ws"))) {
            throw new IllegalStateException("Node's ws is not installed: run 'npm ci --prefix bench/node' (bench/run does)");
        }
        this.messagesEach = messagesEach;
        this.framesPerRun = framesPerRun;
        Capture capture = SyntheticKosmiRoom.historyBurst(pages, messagesEach);
        Path fixture = dir.resolve("history-burst.json");
        Files.writeString(fixture, FixtureCodec.write(capture));
        conversation = dir.resolve("conversation.json");
        Files.writeString(conversation, conversationJson(capture));
        plain = new ProcessBuilder("node", nodeDir.resolve("plain-server.mjs").toString(), conversation.toString())
                .redirectErrorStream(true).start();
        plainWs = URI.create("ws://127.0.0.1:" + firstMatch(plain, PORT) + "/gql-ws");
        serve = ServeLauncher.serve(project, "--fixture", fixture.toString(), "--speed", "0", "--port", "0", "--no-ui", "--quiet").start();
        serveBase = URI.create(firstMatch(serve, LISTENING));
        rssSampler.scheduleAtFixedRate(this::sampleRss, 0, RSS_SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** What the plain server needs: the ack, each start as a client sends it, and the recorded answers by id. */
    private static String conversationJson(Capture capture) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("ack", "{\"type\":\"connection_ack\"}");
        ObjectNode answers = o.putObject("answers");
        var starts = o.putArray("starts");
        int messages = 0;
        for (Frame f : capture.frames()) {
            String type = f.message().type();
            if (f.direction() == Direction.SENT && "start".equals(type)) {
                starts.add(f.text());
            } else if (f.direction() == Direction.RECEIVED && "connection_ack".equals(type)) {
                o.put("ack", f.text());
            } else if (f.direction() == Direction.RECEIVED && f.message().id() != null) {
                answers.withArray(f.message().id()).add(f.text());
                if ("data".equals(type)) {
                    messages++;
                }
            }
        }
        o.put("messagesEach", messages / Math.max(1, starts.size()));
        return Json.compact(o);
    }

    Harness.Measurement serve(int clients) {
        return () -> {
            Result r = clients(URI.create("ws://127.0.0.1:" + serveBase.getPort() + "/gql-ws"), clients);
            serveErrors += r.errors();
            return r.framesPerSecond();
        };
    }

    Harness.Measurement plain(int clients) {
        return () -> {
            Result r = clients(plainWs, clients);
            plainErrors += r.errors();
            return r.framesPerSecond();
        };
    }

    int pagesPerClient(int clients) {
        return Math.max(1, (int) Math.ceil((double) framesPerRun / clients / messagesEach));
    }

    private record Result(double framesPerSecond, int errors) { }

    private Result clients(URI ws, int clients) throws Exception {
        Process p = new ProcessBuilder("node", nodeDir.resolve("clients.mjs").toString(), ws.toString(), Integer.toString(clients),
                Integer.toString(pagesPerClient(clients)), conversation.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the Node clients failed: " + out);
        }
        JsonNode r = Json.MAPPER.readTree(out.substring(out.lastIndexOf('\n') + 1));
        return new Result(r.path("frames").asDouble() / r.path("seconds").asDouble(), r.path("errors").asInt());
    }

    /** The audit of serve as its health reports it, once everything so far is in the store (or 2 minutes passed). */
    JsonNode audit() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        JsonNode audit;
        do {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(serveBase.resolve("/__admin/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            audit = Json.MAPPER.readTree(health.body()).path("audit");
            if (audit.path("heldBytes").asLong() == 0) {
                return audit;
            }
            Thread.sleep(200); // polling another process's health; nothing to wait on in this JVM
        } while (System.nanoTime() < deadline);
        return audit;
    }

    /** Kept and lost frames of serve's audit so far, as a note says them. */
    String auditNote() throws Exception {
        JsonNode a = audit();
        return String.format(Locale.ROOT, "serve's audit kept %,d frames and lost %,d (state %s)", a.path("framesKept").asLong(),
                a.path("framesLost").asLong(), a.path("state").asText());
    }

    long auditLost() throws Exception {
        return audit().path("framesLost").asLong();
    }

    private void sampleRss() {
        try {
            peakRssBytes.accumulateAndGet(StartupBenchmark.rssBytes(serve.pid()), Math::max);
        } catch (IOException | RuntimeException e) {
            // serve has ended: close() is on its way, and the peak so far stands
        }
    }

    /** The highest resident memory of serve sampled so far. */
    double servePeakRssMiB() {
        return peakRssBytes.get() / (1024.0 * 1024);
    }

    /** serve's resident memory {@code quiet} after its audit has stored everything, with no client in between. */
    double serveRestingRssMiB(Duration quiet) throws Exception {
        audit();
        Thread.sleep(quiet.toMillis()); // the figure is what a serve left alone holds after this long
        return StartupBenchmark.rssBytes(serve.pid()) / (1024.0 * 1024);
    }

    int takeServeErrors() {
        int e = serveErrors;
        serveErrors = 0;
        return e;
    }

    int takePlainErrors() {
        int e = plainErrors;
        plainErrors = 0;
        return e;
    }

    private static String firstMatch(Process p, Pattern pattern) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                // Keep draining, so a chatty process never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "bench-drain-" + p.pid());
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IllegalStateException("the process ended without printing " + pattern + "; it printed:\n" + seen);
    }

    @Override
    public void close() throws Exception {
        rssSampler.shutdownNow();
        for (Process p : List.of(serve, plain)) {
            p.toHandle().destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
