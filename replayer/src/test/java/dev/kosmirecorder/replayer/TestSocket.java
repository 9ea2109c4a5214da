package dev.kosmirecorder.replayer;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client under test, whatever the stack: what it received is queued as events and read with a
 * timeout, the way OkHttp's WebSocketRecorder does, so no test sleeps to wait.
 */
abstract class TestSocket implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    sealed interface Event permits Text, Closed, Failed { }

    record Text(String text) implements Event { }

    record Closed(int code, String reason) implements Event { }

    record Failed(Throwable cause) implements Event { }

    protected final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    abstract void send(String text);

    abstract void sendBinary(byte[] bytes);

    abstract String subprotocol();

    /** Sends; a failure because the server already closed or dropped the connection is expected in abuse tests. */
    void sendQuietly(String text) {
        try {
            send(text);
        } catch (RuntimeException e) {
            // the server ended the connection first: the test looks at how it ended
        }
    }

    void sendBinaryQuietly(byte[] bytes) {
        try {
            sendBinary(bytes);
        } catch (RuntimeException e) {
            // the server ended the connection first
        }
    }

    /** Ends the connection without a close handshake. */
    abstract void abort();

    Event nextEvent() {
        try {
            Event e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("Timed out waiting for event");
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next text frame; fails when the connection closes or fails first. */
    String nextText() {
        Event e = nextEvent();
        if (e instanceof Text t) {
            return t.text();
        }
        throw new AssertionError("expected a text frame, got " + e);
    }

    /** Skips text frames until the close; fails on timeout. */
    Event awaitEnd() {
        while (true) {
            Event e = nextEvent();
            if (!(e instanceof Text)) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        abort();
    }
}
