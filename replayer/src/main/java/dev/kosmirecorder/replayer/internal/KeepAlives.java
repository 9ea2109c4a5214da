package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kosmirecorder.core.format.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alives of one acked conversation: one at once where the dialect sends it, then one every recorded period
 * (at the run's speed) until the conversation stops. Apart from {@link Conversation} because they are the only frames
 * it sends on a timer of its own rather than from the recording.
 */
final class KeepAlives {
    private final MockContext ctx;
    private final DialectRules rules;
    private final Outbox outbox;
    // Guarded by this.
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    KeepAlives(MockContext ctx, DialectRules rules, Outbox outbox) {
        this.ctx = ctx;
        this.rules = rules;
        this.outbox = outbox;
    }

    /** The ack has gone out. */
    void start() {
        String keepAlive = Json.compact(JsonNodeFactory.instance.objectNode().put("type", rules.keepAliveType));
        if (rules.keepAliveAfterAck()) {
            outbox.offer(keepAlive, false);
        }
        long period = ctx.settings().scaledNanos(ctx.script().keepAliveMicros());
        if (period > 0) {
            ScheduledFuture<?> task = ctx.scheduler().scheduleAtFixedRate(() -> outbox.offer(keepAlive, true),
                    period, period, TimeUnit.NANOSECONDS);
            synchronized (this) {
                timers.add(task);
            }
            if (outbox.isClosing()) {
                task.cancel(false);
            }
        }
    }

    synchronized void stop() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }
}
