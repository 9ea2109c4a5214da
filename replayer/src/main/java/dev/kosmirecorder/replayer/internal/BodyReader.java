package dev.kosmirecorder.replayer.internal;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the bytes trickle in: each chunk is taken when Jetty says one
 * is there ({@code demand}), so a thousand clients that send one byte a second cost memory, not the pool threads that
 * health checks and WebSocket upgrades need. The whole body must arrive within a deadline, and no more than a limit
 * is kept. Exactly one of the outcomes is reported, once.
 */
final class BodyReader {
    /** How a read ended. */
    sealed interface Outcome permits Body, TooLarge, TimedOut, Failed { }

    record Body(byte[] bytes) implements Outcome { }

    record TooLarge(int limit) implements Outcome { }

    record TimedOut(Duration after) implements Outcome { }

    record Failed(Throwable cause) implements Outcome { }

    interface Done {
        void accept(Outcome outcome);
    }

    private final Request request;
    private final int limit;
    private final Done done;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Scheduler.Task deadline;

    private BodyReader(Request request, int limit, Done done) {
        this.request = request;
        this.limit = limit;
        this.done = done;
    }

    static void read(Request request, int limit, Duration timeout, Done done) {
        BodyReader reader = new BodyReader(request, limit, done);
        long declared = request.getLength();
        if (declared > limit) {
            reader.finish(new TooLarge(limit));
            return;
        }
        reader.deadline = request.getComponents().getScheduler().schedule(
                () -> reader.finish(new TimedOut(timeout)), timeout.toMillis(), TimeUnit.MILLISECONDS);
        reader.next();
    }

    /** Takes every chunk that is there now, then asks to be called when there is more. */
    private void next() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::next);
                return;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    finish(new Failed(chunk.getFailure()));
                    return;
                }
                int size = chunk.getByteBuffer().remaining();
                if (bytes.size() + size > limit) {
                    finish(new TooLarge(limit));
                    return;
                }
                byte[] part = new byte[size];
                chunk.getByteBuffer().get(part);
                bytes.writeBytes(part);
                if (chunk.isLast()) {
                    finish(new Body(bytes.toByteArray()));
                    return;
                }
            } finally {
                chunk.release();
            }
        }
    }

    private void finish(Outcome outcome) {
        if (finished.compareAndSet(false, true)) {
            Scheduler.Task task = deadline;
            if (task != null) {
                task.cancel();
            }
            done.accept(outcome);
        }
    }
}
