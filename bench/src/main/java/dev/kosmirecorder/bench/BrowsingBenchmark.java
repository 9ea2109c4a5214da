package dev.kosmirecorder.bench;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.store.jdbc.JdbcCaptureStore;
import dev.kosmirecorder.testing.MillionFrames;
import dev.kosmirecorder.webui.WebUi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * Figure 6: the web UI's frame-page API over a session of {@code frames} frames in a store (an H2 file, or a
 * PostgreSQL database on loopback), in milliseconds per request (the mean of {@link #REQUESTS} requests per measurement): the first page, a page in the middle, and a
 * page filtered by operation from the middle. The baseline is the same server answering the session's connection
 * list (one row): the cost of a request through Javalin and the store, without frames.
 */
final class BrowsingBenchmark implements AutoCloseable {
    static final int REQUESTS = 20;
    private final CaptureStore store;
    private final WebUi ui;
    private final String sessionId;
    private final int frames;
    private final HttpClient http = HttpClient.newHttpClient();

    BrowsingBenchmark(Path dir, int frames) {
        this(dir.resolve("browse").toString(), frames);
    }

    /** Over the store {@code db} names (a path or a JDBC URL). */
    BrowsingBenchmark(String db, int frames) {
        this.frames = frames;
        this.store = JdbcCaptureStore.open(db);
        this.sessionId = MillionFrames.fill(store, frames);
        this.ui = WebUi.start(store, 0);
    }

    Harness.Measurement connections() {
        return () -> millisPerRequest("api/sessions/" + sessionId + "/connections");
    }

    Harness.Measurement firstPage() {
        return () -> millisPerRequest("api/sessions/" + sessionId + "/frames?limit=100");
    }

    Harness.Measurement middlePage() {
        return () -> millisPerRequest("api/sessions/" + sessionId + "/frames?limit=100&after=" + frames / 2);
    }

    Harness.Measurement filteredPage() {
        return () -> millisPerRequest("api/sessions/" + sessionId + "/frames?limit=100&operation=" + MillionFrames.OPERATIONS[1]
                + "&after=" + frames / 2);
    }

    private double millisPerRequest(String path) throws Exception {
        URI uri = URI.create(ui.url() + path);
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().length() < 10) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        return (System.nanoTime() - started) / 1e6 / REQUESTS;
    }

    @Override
    public void close() {
        ui.close();
        store.close();
    }
}
