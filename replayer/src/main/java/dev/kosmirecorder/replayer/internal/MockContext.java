package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.Fault;
import dev.kosmirecorder.replayer.MockListener;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every handler and connection of one mock run shares: the script, the options, the two token signers (the
 * same one unless the secret-mismatch fault is on), the replay scheduler, the audit, the live connections and the journal of what clients sent.
 */
public final class MockContext {
    private final ReplayScript script;
    private final MockSettings settings;
    private final TokenSigner httpSigner;
    private final TokenSigner wsSigner;
    private final ScheduledExecutorService scheduler;
    private final Audit audit;
    private final Map<Integer, ClientConnection> live = new ConcurrentHashMap<>();
    private final Journal journal = new Journal(); // issue 14
    private final MockListener listener;
    private final AtomicLong clients = new AtomicLong();
    private final AtomicLong framesDown = new AtomicLong();
    private final AtomicLong framesUp = new AtomicLong();

    public MockContext(ReplayScript script, MockSettings settings, ScheduledExecutorService scheduler, Audit audit,
                       MockListener listener) {
        this.listener = new Guarded(listener);
        this.script = script;
        this.settings = settings;
        this.scheduler = scheduler;
        this.audit = audit;
        this.wsSigner = settings.newSigner();
        // The REST/WebSocket mismatch behind many real 403s: POST / signs with a secret the WebSocket side does not know.
        this.httpSigner = settings.has(Fault.Kind.SECRET_MISMATCH) ? TokenSigner.withRandomSecret() : wsSigner;
    }

    public ReplayScript script() {
        return script;
    }

    public MockSettings settings() {
        return settings;
    }

    public TokenSigner httpSigner() {
        return httpSigner;
    }

    public TokenSigner wsSigner() {
        return wsSigner;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public Audit audit() {
        return audit;
    }

    /**
     * The live connections by audit id: where a request journal or a push endpoint finds its clients
     * ({@link ClientConnection#subscriptions()}, {@link ClientConnection#push}).
     */
    public Map<Integer, ClientConnection> live() {
        return live;
    }

    /** What clients sent this run, for {@code GET /__admin/journal} and tests (issue 14). */
    public Journal journal() {
        return journal;
    }

    public MockListener listener() {
        return listener;
    }

    /** A connection has ended: counted for the run's totals and told to the listener. */
    void ended(MockListener.ConnectionReport report) {
        clients.incrementAndGet();
        framesDown.addAndGet(report.framesDown());
        framesUp.addAndGet(report.framesUp());
        listener.connectionEnded(report);
    }

    /** Connections ended so far, frames the mock sent in them, frames their clients sent. */
    public long[] totals() {
        return new long[] {clients.get(), framesDown.get(), framesUp.get()};
    }

    /** A listener whose failures cannot reach the replay. */
    private record Guarded(MockListener inner) implements MockListener {
        private static final Logger LOG = LoggerFactory.getLogger(MockContext.class);

        @Override
        public void connectionEnded(ConnectionReport report) {
            run(() -> inner.connectionEnded(report));
        }

        @Override
        public void refused(String remote, String path, int status, String reason) {
            run(() -> inner.refused(remote, path, status, reason));
        }

        @Override
        public void unmatched(String remote, int connectionId, String operation) {
            run(() -> inner.unmatched(remote, connectionId, operation));
        }

        @Override
        public void post(String remote, String operation, int status) {
            run(() -> inner.post(remote, operation, status));
        }

        private static void run(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.debug("a mock listener failed: {}", e.toString());
            }
        }
    }
}
