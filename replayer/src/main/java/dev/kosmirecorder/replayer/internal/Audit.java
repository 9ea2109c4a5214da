package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.CaptureWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock run's own log (SPEC §6): one session of kind {@code mock}, each client attempt a connection in it
 * with every frame both ways, each {@code POST /} an exchange. Without a store it only hands out ids and clock
 * readings. Times are microseconds since the mock started. Thread-safe.
 */
public final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

    private final CaptureWriter writer;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicInteger exchangeIds = new AtomicInteger();
    private final AtomicBoolean warnedLoss = new AtomicBoolean();
    private volatile boolean finished;

    private Audit(CaptureWriter writer) {
        this.writer = writer;
    }

    public static Audit start(Optional<CaptureStore> store, String name, String target) {
        return start(store, name, target, null);
    }

    /** An audit whose session names the mock instance it logs (attribute {@value #INSTANCE_ATTRIBUTE}), when given. */
    public static Audit start(Optional<CaptureStore> store, String name, String target, String instance) {
        return new Audit(store.map(s -> {
            Session session = Session.start(SessionKind.MOCK, name, target, Instant.now());
            return CaptureWriter.start(s, instance == null ? session : session.withAttribute(INSTANCE_ATTRIBUTE, instance));
        }).orElse(null));
    }

    /** The session attribute naming the mock instance of a fleet that wrote an audit. */
    public static final String INSTANCE_ATTRIBUTE = "mock.instance";

    public Optional<String> sessionId() {
        return writer == null ? Optional.empty() : Optional.of(writer.sessionId());
    }

    public long micros() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    public int nextConnectionId() {
        return writer == null ? connectionIds.incrementAndGet() : writer.nextConnectionId();
    }

    public int nextExchangeId() {
        return writer == null ? exchangeIds.incrementAndGet() : writer.nextExchangeId();
    }

    public void connection(WsConnection connection) {
        if (writer != null && !finished) {
            writer.connection(connection);
        }
    }

    public void exchange(HttpExchange exchange) {
        if (writer != null && !finished) {
            writer.exchange(exchange);
        }
    }

    public void text(int connectionId, Direction direction, String text) {
        // Checked before encoding: without a store this runs for every frame and must cost nothing.
        if (writer != null && !finished) {
            frame(connectionId, direction, Opcode.TEXT, Payload.ofText(text));
        }
    }

    public void frame(int connectionId, Direction direction, Opcode opcode, Payload payload) {
        if (writer == null || finished) {
            return;
        }
        try {
            if (!writer.frame(Frame.of(connectionId, writer.nextSeq(), direction, opcode, payload, micros()))
                    && warnedLoss.compareAndSet(false, true)) {
                LOG.warn("The audit cannot keep up: frames are being lost (counted in the mock session's framesLost)");
            }
        } catch (IllegalStateException e) {
            // The mock is closing and the audit has finished; a frame racing the close is not part of the run.
        }
    }

    /** Waits until everything audited so far is in the store. */
    public void flush() {
        if (writer != null && !finished) {
            writer.flush();
        }
    }

    public void finish() {
        if (writer != null && !finished) {
            finished = true;
            writer.finish(SessionStatus.COMPLETE);
        }
    }

    /** Request headers as received, in order, names as the client spelled them. */
    public static Headers headers(HttpFields fields) {
        List<Header> list = new ArrayList<>();
        for (HttpField f : fields) {
            list.add(new Header(f.getName(), f.getValue() == null ? "" : f.getValue()));
        }
        return new Headers(list);
    }
}
