package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.AuditLevel;
import dev.kosmirecorder.replayer.ExtensionPolicy;
import dev.kosmirecorder.replayer.Fault;
import java.util.List;
import java.util.Optional;

/**
 * The mock's options as the builder fixed them; immutable, shared by every connection. {@code tokenSecret} is the
 * secret shared by a fleet of instances, or empty for one made for this run; {@link #toString()} never shows it.
 */
public record MockSettings(double speed, boolean strict, String origin, boolean recordedToken, List<Fault> faults,
                           int maxFrameBytes, Optional<String> tokenSecret, ExtensionPolicy extensions, AuditLevel auditLevel, Bounds bounds) {

    /**
     * Memory bounds in bytes (issue: a client or a long run must not grow the heap without end): what one client's
     * outbox may hold before it is closed with 1008, the longest operation id a client may use, and what the audit
     * may hold in memory before the store has taken it.
     */
    public record Bounds(long outboxBytes, int maxIdChars, long auditBytes) {
        public static final Bounds DEFAULT = new Bounds(16L << 20, 1024, 128L << 20);

        public Bounds {
            if (outboxBytes < 1 || maxIdChars < 1 || auditBytes < 1) {
                throw new IllegalArgumentException("memory bounds must be positive");
            }
        }
    }

    public MockSettings {
        faults = List.copyOf(faults);
        tokenSecret = tokenSecret == null ? Optional.empty() : tokenSecret;
    }

    public MockSettings(double speed, boolean strict, String origin, boolean recordedToken, List<Fault> faults, int maxFrameBytes) {
        this(speed, strict, origin, recordedToken, faults, maxFrameBytes, Optional.empty(), ExtensionPolicy.RECORDED, AuditLevel.FULL,
                Bounds.DEFAULT);
    }

    /** The signer of this run's tokens: from the shared secret when there is one, else with a fresh random one. */
    public TokenSigner newSigner() {
        return tokenSecret.map(TokenSigner::withSharedSecret).orElseGet(TokenSigner::withRandomSecret);
    }

    @Override
    public String toString() {
        return "MockSettings[speed=" + speed + ", strict=" + strict + ", origin=" + origin + ", recordedToken=" + recordedToken
                + ", faults=" + faults + ", maxFrameBytes=" + maxFrameBytes + ", tokenSecret=" + (tokenSecret.isPresent() ? "shared" : "per run") + ", extensions=" + extensions
                + ", audit=" + auditLevel + ", bounds=" + bounds + "]";
    }

    public Optional<Fault> fault(Fault.Kind kind) {
        // A loop, not a stream: this runs for every frame the mock sends.
        for (Fault f : faults) {
            if (f.kind() == kind) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The {@code delay} fault's milliseconds, 0 without it. */
    public long delayMillis() {
        return fault(Fault.Kind.DELAY).map(Fault::arg).orElse(0L);
    }

    public boolean has(Fault.Kind kind) {
        return fault(kind).isPresent();
    }

    /** Tokens are checked on the WebSocket side in strict mode, and when the secret-mismatch fault asks for it. */
    public boolean checksTokens() {
        return strict || has(Fault.Kind.SECRET_MISMATCH);
    }

    /** A recorded gap in microseconds as wall time in nanoseconds at this speed. */
    public long scaledNanos(long recordedMicros) {
        return speed == 0 ? 0 : Math.round(recordedMicros * 1000.0 * speed);
    }
}
