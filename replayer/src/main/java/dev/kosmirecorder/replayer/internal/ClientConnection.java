package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.protocol.Dialect;
import dev.kosmirecorder.replayer.MockListener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's independent replay, as Jetty sees it: the listener that hands client frames to the
 * {@link Conversation}, the {@link Outbox.Wire} over the Jetty session, the faults that act after a frame is sent,
 * and the end of the connection (its audit record and its report). Client frames arrive one at a time (Jetty demands
 * the next after the listener returns).
 */
public final class ClientConnection implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final MockContext ctx;
    private final int id;
    private final Dialect dialect;
    private final String remote;
    private final FaultPlan faults;
    private final Outbox outbox;
    private final Conversation conversation;
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private volatile WsConnection accepted;
    // Guarded by this.
    private boolean ended;

    public ClientConnection(MockContext ctx, Dialect dialect, WsConnection accepted, String remote) {
        this.ctx = ctx;
        this.id = accepted.id();
        this.dialect = dialect;
        this.accepted = accepted;
        this.remote = remote;
        this.faults = FaultPlan.of(ctx.settings());
        this.outbox = new Outbox(ctx.scheduler(), faults.delayNanos(), ctx.settings().bounds().outboxBytes(), new Outbox.Events() {
            @Override
            public void sent(String text, boolean shared) {
                ClientConnection.this.sent(text, shared);
            }

            @Override
            public void room() {
                conversation.playback().resume();
            }
        });
        this.conversation = new Conversation(ctx, id, DialectRules.of(dialect), outbox, faults,
                operation -> ctx.listener().unmatched(remote, id, operation));
    }

    // ---------------------------------------------------------------- Jetty callbacks

    @Override
    public void onWebSocketOpen(Session s) {
        // The 101 as it went out (Upgrade, Accept, the subprotocol and extensions Jetty negotiated), not as planned.
        List<Header> sent = new ArrayList<>();
        s.getUpgradeResponse().getHeaders().forEach((name, values) -> values.forEach(v -> sent.add(new Header(name, v))));
        accepted = accepted.toBuilder().responseHeaders(new Headers(sent)).build();
        ctx.audit().connection(accepted);
        ctx.live().put(id, this);
        outbox.attach(new JettyWire(s));
    }

    @Override
    public void onWebSocketText(String text) {
        framesIn.incrementAndGet();
        ctx.audit().text(id, Direction.SENT, text, false);
        conversation.received(text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        // Copy before completing the callback: Jetty recycles the buffer afterwards.
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        framesIn.incrementAndGet();
        ctx.audit().binary(id, Direction.SENT, bytes);
        conversation.protocolError(4400, "Invalid message: binary frames are not part of " + dialect.subprotocol());
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (cause instanceof MessageTooLargeException) {
            ended(1009, "Message too big: the mock accepts frames up to " + ctx.settings().maxFrameBytes() + " bytes");
        } else {
            LOG.debug("WebSocket client {} failed: {}", id, cause.toString());
            ended(1006, String.valueOf(cause.getMessage()));
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        ended(statusCode, reason);
        callback.succeed();
    }

    /** A frame has left: audited, counted, and the faults that count frames decide what comes next. */
    private void sent(String text, boolean shared) {
        long count = framesOut.incrementAndGet();
        ctx.audit().text(id, Direction.RECEIVED, text, shared);
        switch (faults.afterSent(count)) {
            case DROP -> {
                conversation.stopAll();
                outbox.disconnect();
            }
            case CLOSE -> {
                outbox.discard();
                conversation.close(1011, faults.closeReason());
            }
            case GO_ON -> { }
        }
    }

    private void ended(int code, String reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        // When the mock closed first, its close frame is how the conversation ended, whatever Jetty reports next: the
        // client's reply, a 1006 when the client dropped the connection before replying, or the 1001 of the mock stopping.
        Outbox.Outgoing closeSent = outbox.closeSent();
        if (closeSent != null) {
            code = closeSent.closeCode();
            reason = closeSent.closeReason();
        }
        outbox.ended();
        conversation.stopAll();
        ctx.live().remove(id);
        WsConnection done = accepted.toBuilder().closedMicros(Math.max(accepted.openedMicros(), ctx.audit().micros()))
                .closeCode(code).closeReason(reason).build();
        ctx.audit().connection(done);
        ctx.ended(new MockListener.ConnectionReport(remote, ConnectionView.path(done.url()), 101, dialect.subprotocol(),
                done.responseHeaders().get("Sec-WebSocket-Extensions").orElse(""), conversation.phase() == Conversation.Phase.ACKED,
                framesOut.get(), framesIn.get(), code, reason));
    }

    // ---------------------------------------------------------------- hooks for the admin endpoints

    /** The ids of the operations this client has running, with the operation name each matched. */
    public Map<String, String> subscriptions() {
        return conversation.subscriptions();
    }

    // ---------------------------------------------------------------- push (used by Push)

    /** The client's ids of its running operations recorded as {@code operation}; none before the ack or once closing. */
    public List<String> runningIds(String operation) {
        if (conversation.phase() != Conversation.Phase.ACKED || outbox.isClosing()) {
            return List.of();
        }
        return subscriptions().entrySet().stream().filter(e -> operation.equals(e.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Sends {@code recorded} (a server message as a recording has it, in either dialect) to this client for its running
     * operation {@code clientId}, in the client's dialect and with its id; false when it has no such operation.
     */
    public boolean push(String clientId, ObjectNode recorded) {
        return conversation.push(clientId, recorded);
    }

    public int id() {
        return id;
    }

    /** What {@code GET /__admin/connections} shows of this client. */
    public ConnectionView view() {
        return new ConnectionView(id, remote, dialect.subprotocol(), accepted, framesIn.get(), framesOut.get(),
                conversation.phase() != Conversation.Phase.CONNECTED, List.copyOf(subscriptions().keySet()));
    }

    @Override
    public String toString() {
        return "ClientConnection{id=" + id + ", " + dialect.subprotocol() + ", remote=" + remote + "}";
    }

    /** The outbox's wire over a Jetty session. */
    private record JettyWire(Session session) implements Outbox.Wire {
        @Override
        public void send(String text, Runnable succeeded, Runnable failed) {
            session.sendText(text, new Callback() {
                @Override
                public void succeed() {
                    succeeded.run();
                }

                @Override
                public void fail(Throwable failure) {
                    LOG.debug("sending to a WebSocket client failed: {}", failure.toString());
                    failed.run();
                }
            });
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }

        @Override
        public void disconnect() {
            session.disconnect();
        }
    }
}
