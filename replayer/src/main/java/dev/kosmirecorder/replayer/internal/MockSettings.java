package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.Fault;
import java.util.List;
import java.util.Optional;

/** The mock's options as the builder fixed them; immutable, shared by every connection. */
public record MockSettings(double speed, boolean strict, String origin, boolean recordedToken, List<Fault> faults,
                           int maxFrameBytes) {

    public MockSettings {
        faults = List.copyOf(faults);
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
