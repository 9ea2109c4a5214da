package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.Fault;
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

    public MockContext(ReplayScript script, MockSettings settings, ScheduledExecutorService scheduler, Audit audit) {
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

    public Map<Integer, ClientConnection> live() {
        return live;
    }

    /** What clients sent this run, for {@code GET /__admin/journal} and tests (issue 14). */
    public Journal journal() {
        return journal;
    }
}
