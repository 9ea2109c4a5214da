package dev.kosmirecorder.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Many legacy {@code graphql-ws} clients on one Jetty WebSocket client, as a Kosmi client fetching chat history
 * page by page: {@code connection_init}, then each {@code start} in turn, the next one once the previous id's
 * {@code complete} arrived, then {@code connection_terminate}. The same clients measure the mock and the bare
 * endpoint, so both pay the same client cost. A frame's type is found by a substring test, not a JSON parse, to
 * keep the clients cheap.
 */
public final class PagingClients {
    static final String INIT = "{\"type\":\"connection_init\",\"payload\":{}}";

    /** What a run saw: data frames received in total, failed clients, wall time, and optionally arrival times. */
    record Result(long dataFrames, int errors, long nanos, List<long[]> arrivals) {
        double framesPerSecond() {
            return dataFrames / (nanos / 1e9);
        }
    }

    private PagingClients() {
    }

    /**
     * Runs {@code clients} clients, each sending {@code starts} (ids "1", "2", … in order) and waiting for each
     * one's {@code complete}; with {@code keepArrivals}, each client's data-frame arrival times (System.nanoTime).
     */
    static Result run(URI ws, int clients, List<String> starts, int expectedPerClient, boolean keepArrivals, Duration timeout)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, Runtime.getRuntime().availableProcessors() * 4));
        threads.setName("bench-clients");
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(clients + 10);
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(8 * 1024 * 1024);
        client.start();
        try {
            CountDownLatch done = new CountDownLatch(clients);
            AtomicLong data = new AtomicLong();
            AtomicInteger errors = new AtomicInteger();
            List<Pager> pagers = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                Pager pager = new Pager(starts, expectedPerClient, keepArrivals, data, errors, done);
                pagers.add(pager);
                ClientUpgradeRequest request = new ClientUpgradeRequest();
                request.setSubProtocols("graphql-ws");
                request.setHeader("Origin", "https://app.kosmi.io");
                client.connect(pager, ws, request).whenComplete((s, e) -> {
                    if (e != null) {
                        pager.fail();
                    }
                });
            }
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pagers.forEach(Pager::failIfUnfinished);
            }
            long nanos = System.nanoTime() - started;
            return new Result(data.get(), errors.get(), nanos,
                    keepArrivals ? pagers.stream().map(Pager::arrivals).toList() : List.of());
        } finally {
            client.stop();
            http.stop();
        }
    }

    /** One client's conversation; Jetty calls it on one thread at a time. */
    public static final class Pager implements Session.Listener.AutoDemanding {
        private final List<String> starts;
        private final int expected;
        private final AtomicLong data;
        private final AtomicInteger errors;
        private final CountDownLatch done;
        private final long[] arrivals;
        private int arrived;
        private int page;
        private int received;
        private volatile Session session;
        private volatile boolean finished;

        Pager(List<String> starts, int expected, boolean keepArrivals, AtomicLong data, AtomicInteger errors, CountDownLatch done) {
            this.starts = starts;
            this.expected = expected;
            this.data = data;
            this.errors = errors;
            this.done = done;
            this.arrivals = keepArrivals ? new long[expected] : null;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            s.sendText(INIT, Callback.NOOP);
        }

        @Override
        public void onWebSocketText(String text) {
            if (text.contains("\"type\":\"data\"")) {
                received++;
                if (arrivals != null && arrived < arrivals.length) {
                    arrivals[arrived++] = System.nanoTime();
                }
            } else if (text.contains("\"type\":\"connection_ack\"") || text.contains("\"type\":\"complete\"")) {
                if (page < starts.size()) {
                    session.sendText(starts.get(page++), Callback.NOOP);
                } else {
                    end(received == expected);
                    session.sendText("{\"type\":\"connection_terminate\"}", Callback.from(() -> session.close(), x -> { }));
                }
            } else if (text.contains("\"type\":\"error\"") || text.contains("\"type\":\"connection_error\"")) {
                end(false);
                session.close();
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            end(false);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            end(false);
        }

        void fail() {
            end(false);
        }

        void failIfUnfinished() {
            end(false);
        }

        /** Counts this client once: its frames, and an error unless it got everything it expected. */
        private synchronized void end(boolean complete) {
            if (finished) {
                return;
            }
            finished = true;
            data.addAndGet(received);
            if (!complete) {
                errors.incrementAndGet();
            }
            done.countDown();
        }

        long[] arrivals() {
            return arrivals == null ? new long[0] : java.util.Arrays.copyOf(arrivals, arrived);
        }
    }
}
