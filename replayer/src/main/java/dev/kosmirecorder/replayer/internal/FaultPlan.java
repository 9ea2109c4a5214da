package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.Fault;

/**
 * The faults that act on a connection, decided in one place: how long the ack waits, how long each frame waits,
 * and what happens after the N-th frame sent (a drop without a close, or a close with 1011).
 */
record FaultPlan(long slowAckNanos, long delayNanos, long dropAfter, long closeAfter) {

    /** What to do once a frame has been sent. */
    enum AfterSend { GO_ON, DROP, CLOSE }

    static FaultPlan of(MockSettings settings) {
        return new FaultPlan(millis(settings, Fault.Kind.SLOW_ACK) * 1_000_000, millis(settings, Fault.Kind.DELAY) * 1_000_000,
                settings.fault(Fault.Kind.DROP_AFTER).map(Fault::arg).orElse(-1L),
                settings.fault(Fault.Kind.CLOSE_AFTER).map(Fault::arg).orElse(-1L));
    }

    private static long millis(MockSettings settings, Fault.Kind kind) {
        return settings.fault(kind).map(Fault::arg).orElse(0L);
    }

    AfterSend afterSent(long framesSent) {
        if (dropAfter >= 0 && framesSent >= dropAfter) {
            return AfterSend.DROP;
        }
        if (closeAfter >= 0 && framesSent >= closeAfter) {
            return AfterSend.CLOSE;
        }
        return AfterSend.GO_ON;
    }

    /** The close reason of the close-after fault. */
    String closeReason() {
        return "fault close-after=" + closeAfter;
    }
}
