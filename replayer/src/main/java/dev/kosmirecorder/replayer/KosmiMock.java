package dev.kosmirecorder.replayer;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.replayer.internal.Audit;
import dev.kosmirecorder.replayer.internal.JettyMockServer;
import dev.kosmirecorder.replayer.internal.MockContext;
import dev.kosmirecorder.replayer.internal.MockSettings;
import dev.kosmirecorder.replayer.internal.TokenSigner;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A local engine.kosmi.io that replays one capture (SPEC §6): {@code POST /} (GraphQL over HTTP, tokens signed by
 * the mock), {@code GET /gql-ws} (both GraphQL-over-WebSocket dialects, every client its own replay),
 * {@code GET /__admin/health}, {@code GET /__admin/connections}, and the journal and push ({@link #admin()}). Single use: {@link Builder#start()} binds and
 * starts it, {@link #close()} (idempotent) stops it and ends its audit session.
 *
 * <pre>{@code
 * try (KosmiMock mock = KosmiMock.builder().capture(BuiltInFixtures.kosmiRoom()).speed(0).start()) {
 *     URI ws = mock.wsUrl();   // ws://127.0.0.1:PORT/gql-ws
 * }
 * }</pre>
 */
public final class KosmiMock implements Closeable {
    /** The Origin strict mode requires unless told otherwise. */
    public static final String KOSMI_ORIGIN = "https://app.kosmi.io";
    /** The largest client frame or request body accepted unless told otherwise (1 MiB). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

    private final JettyMockServer server;
    private final Audit audit;
    private final MockContext ctx;
    private final MockSettings settings;
    private final MockAdmin admin;
    private boolean closed;

    private KosmiMock(JettyMockServer server, MockSettings settings, MockAdmin admin) {
        this.server = server;
        this.admin = admin;
        this.ctx = server.context();
        this.audit = ctx.audit();
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, {@code http://HOST:PORT/}: where {@code POST /} goes. */
    public java.net.URI url() {
        return server.uri("http", "/");
    }

    /** A path on the mock, for example {@code url("/__admin/health")}. */
    public java.net.URI url(String path) {
        return url().resolve(path.startsWith("/") ? path : "/" + path);
    }

    /** The WebSocket URL, {@code ws://HOST:PORT/gql-ws}. */
    public java.net.URI wsUrl() {
        return server.uri("ws", "/gql-ws");
    }

    public int port() {
        return server.port();
    }

    /** The id of this run's audit session, when the mock was given a store. */
    public Optional<String> auditSessionId() {
        return audit.sessionId();
    }

    /** The journal of what clients sent, and push (issue 14): what {@code /__admin/journal} and {@code /__admin/push} offer. */
    public MockAdmin admin() {
        return admin;
    }

    /** Waits until every attempt and frame so far is in the audit store (for tests and the UI); false when it could not. */
    public boolean flushAudit() {
        return audit.flush();
    }

    /** What the run has done so far, and how its audit is: for {@code serve}'s exit summary and the benchmarks. */
    public MockStats stats() {
        long[] t = ctx.totals();
        Audit.Status a = audit.status();
        return new MockStats(t[0], ctx.live().size(), t[1], t[2], audit.level(), audit.sessionId(), a.state(),
                a.framesKept(), a.framesLost(), Optional.ofNullable(a.error()));
    }

    /** Stops the server, the replays and the audit (its session ends {@code complete}). Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop();
    }

    @Override
    public String toString() {
        return "KosmiMock{" + url() + ", speed=" + settings.speed() + (settings.strict() ? ", strict" : "")
                + (settings.faults().isEmpty() ? "" : ", faults=" + settings.faults()) + (closed ? ", closed" : "") + "}";
    }

    /** Options of a mock; every one has a default but the capture. */
    public static final class Builder {
        private Capture capture;
        private String host = "127.0.0.1";
        private int port;
        private double speed = 1;
        private boolean strict;
        private String origin = KOSMI_ORIGIN;
        private boolean recordedToken;
        private final List<Fault> faults = new ArrayList<>();
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private CaptureStore auditStore;
        private String tokenSecret;
        private String instance;
        private ExtensionPolicy extensions = ExtensionPolicy.RECORDED;
        private AuditLevel auditLevel = AuditLevel.FULL;
        private MockSettings.Bounds bounds = MockSettings.Bounds.DEFAULT;
        private MockListener listener = MockListener.SILENT;

        private Builder() {
        }

        /** What to replay (required). */
        public Builder capture(Capture v) {
            capture = Objects.requireNonNull(v, "capture");
            return this;
        }

        /** The interface to bind; default {@code 127.0.0.1} (loopback only). */
        public Builder host(String v) {
            host = Objects.requireNonNull(v, "host");
            return this;
        }

        /** The port; default 0, a free one (see {@link KosmiMock#port()}). */
        public Builder port(int v) {
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + v);
            }
            port = v;
            return this;
        }

        /** 1 = recorded timing, 2 = twice as slow, 0.5 = twice as fast, 0 = every frame at once. */
        public Builder speed(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("speed must be a number >= 0 (1 = recorded timing, 0 = as fast as possible): " + v);
            }
            speed = v;
            return this;
        }

        /** Refuse handshakes a browser on app.kosmi.io would not make, and tokens the mock did not issue. */
        public Builder strict(boolean v) {
            strict = v;
            return this;
        }

        /** The Origin strict mode requires; default {@value KosmiMock#KOSMI_ORIGIN}. */
        public Builder origin(String v) {
            origin = Objects.requireNonNull(v, "origin");
            return this;
        }

        /** Answer {@code POST /} with the recorded token instead of one the mock signs. */
        public Builder recordedToken(boolean v) {
            recordedToken = v;
            return this;
        }

        public Builder fault(Fault v) {
            faults.add(Objects.requireNonNull(v, "fault"));
            return this;
        }

        public Builder faults(List<Fault> v) {
            v.forEach(this::fault);
            return this;
        }

        /** The largest client frame and request body, in bytes; a bigger frame is closed with 1009. */
        public Builder maxFrameBytes(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxFrameBytes must be positive: " + v);
            }
            maxFrameBytes = v;
            return this;
        }

        /** Where the audit of this run goes (a session of kind {@code mock}); none by default. */
        public Builder auditStore(CaptureStore v) {
            auditStore = v;
            return this;
        }

        /**
         * The token-signing secret shared by a fleet of mocks behind one load balancer (SPEC §9), at least
         * {@value TokenSigner#MIN_SHARED_SECRET_LENGTH} characters; default: a random one made for this run.
         */
        public Builder tokenSecret(String v) {
            if (v != null && v.length() < TokenSigner.MIN_SHARED_SECRET_LENGTH) {
                throw new IllegalArgumentException("the shared token secret must be at least " + TokenSigner.MIN_SHARED_SECRET_LENGTH
                        + " characters long, so a token cannot be forged by guessing it");
            }
            tokenSecret = v;
            return this;
        }

        /** The name of this instance in a fleet, kept in its audit session; default {@code HOSTNAME:PORT}. */
        public Builder instance(String v) {
            instance = v;
            return this;
        }

        /** Which WebSocket extensions upgrades accept; default {@link ExtensionPolicy#RECORDED}, as the recording did. */
        public Builder extensions(ExtensionPolicy v) {
            extensions = Objects.requireNonNull(v, "extensions");
            return this;
        }

        /** How much of the run the audit keeps; default {@link AuditLevel#FULL}. Without an audit store it keeps nothing. */
        public Builder audit(AuditLevel v) {
            auditLevel = Objects.requireNonNull(v, "audit");
            return this;
        }

        /**
         * Memory bounds in bytes: one client's outbox (past it the client is closed with 1008), the longest id a
         * client may use (longer ones are closed with 1008), and what the audit holds before the store has it (past
         * it frames are counted lost, loudly).
         */
        public Builder bounds(long outboxBytes, int maxIdChars, long auditBytes) {
            bounds = new MockSettings.Bounds(outboxBytes, maxIdChars, auditBytes);
            return this;
        }

        /** Told about every connection, refusal, unmatched operation and {@code POST /}; by default no one is. */
        public Builder listener(MockListener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /** Binds, starts and returns the mock; fails with an actionable message when the port is taken. */
        public KosmiMock start() {
            if (capture == null) {
                throw new IllegalStateException("call capture(...) first: the mock needs a capture to replay");
            }
            MockSettings settings = new MockSettings(speed, strict, origin, recordedToken, faults, maxFrameBytes,
                    Optional.ofNullable(tokenSecret), extensions, auditLevel, bounds);
            JettyMockServer server = JettyMockServer.start(capture, host, port, settings, auditStore, instance, listener);
            return new KosmiMock(server, settings, new MockAdmin(server.context()));
        }
    }
}
