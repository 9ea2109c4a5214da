package dev.kosmirecorder.webui.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;
import dev.kosmirecorder.core.store.SessionSummary;
import io.javalin.config.JavalinConfig;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Server-sent events for a session being recorded: {@code /api/sessions/{id}/live?after=SEQ} sends each new page
 * of frames as a {@code frames} event (the frame table's rows) and an {@code end} event when the session stops
 * recording. It polls the store, because the recorder may be another process (SPEC §9). One scheduler thread
 * serves every open feed; a feed is dropped when its browser goes away or the UI closes.
 */
public final class LiveFeed implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(250);
    private static final int PAGE = 200;

    private final CaptureStore store;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kosmi-webui-live");
        t.setDaemon(true);
        return t;
    });
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    public LiveFeed(CaptureStore store) {
        this.store = store;
    }

    public void install(JavalinConfig config) {
        config.routes.sse("/api/sessions/{id}/live", this::open);
    }

    private void open(SseClient client) {
        String id = client.ctx().pathParam("id");
        Optional<SessionSummary> summary = store.summary(id);
        if (summary.isEmpty()) {
            client.sendEvent("failure", Json.compact(Json.MAPPER.createObjectNode().put("error", "no session with id '" + id + "'")));
            client.close();
            return;
        }
        AtomicLong after = new AtomicLong(parseAfter(client.ctx().queryParam("after")));
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        clients.add(client);
        client.keepAlive();
        client.onClose(() -> {
            clients.remove(client);
            ScheduledFuture<?> t = task.get();
            if (t != null) {
                t.cancel(false);
            }
        });
        task.set(scheduler.scheduleWithFixedDelay(() -> push(client, id, after, task), 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void push(SseClient client, String id, AtomicLong after, AtomicReference<ScheduledFuture<?>> task) {
        try {
            if (client.terminated()) {
                stop(client, task);
                return;
            }
            // Read the status before the frames, so frames written just before the end are still sent.
            Optional<SessionSummary> summary = store.summary(id);
            boolean recording = summary.map(s -> s.session().status() == SessionStatus.RECORDING).orElse(false);
            FramePage page;
            do {
                page = store.frames(FrameQuery.firstPage(id, PAGE).after(after.get()));
                if (!page.frames().isEmpty()) {
                    ArrayNode rows = Json.MAPPER.createArrayNode();
                    page.frames().forEach(f -> rows.add(Views.frameRow(Masking.of(client.ctx()).frame(f))));
                    client.sendEvent("frames", Json.compact(rows));
                    after.set(page.frames().get(page.frames().size() - 1).seq());
                }
            } while (page.hasMore() && !client.terminated());
            if (!recording) {
                client.sendEvent("end", Json.compact(Json.MAPPER.createObjectNode()
                        .put("status", summary.map(s -> s.session().status().wireName()).orElse("deleted"))));
                stop(client, task);
            }
        } catch (RuntimeException e) {
            // The browser went away mid-write, or the store failed: the page falls back to polling the API.
            stop(client, task);
        }
    }

    private void stop(SseClient client, AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> t = task.get();
        if (t != null) {
            t.cancel(false);
        }
        clients.remove(client);
        client.close();
    }

    private static long parseAfter(String v) {
        try {
            return v == null || v.isBlank() ? -1 : Math.max(-1, Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        clients.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException e) {
                // already gone
            }
        });
        clients.clear();
    }
}
