package dev.kosmirecorder.webui;

import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.webui.internal.Api;
import dev.kosmirecorder.webui.internal.DiffApi;
import dev.kosmirecorder.webui.internal.LiveFeed;
import dev.kosmirecorder.webui.internal.Pages;
import dev.kosmirecorder.webui.internal.RequestGuard;
import io.javalin.Javalin;
import java.io.Closeable;
import java.util.Objects;

/**
 * The web UI (SPEC §8): a Javalin app that serves the pages and the JSON API over a {@link CaptureStore} on a
 * loopback address. Single use: {@link #start} binds, {@link #close} stops (idempotent). The store stays open; its
 * owner closes it. Thread-safe.
 */
public final class WebUi implements Closeable {
    /** The port {@code ui} listens on unless told otherwise (SPEC §5). */
    public static final int DEFAULT_PORT = 8788;

    private final Javalin app;
    private final LiveFeed live;
    private final String host;
    private boolean closed;

    private WebUi(Javalin app, LiveFeed live, String host) {
        this.app = app;
        this.live = live;
        this.host = host;
    }

    /** Starts the UI on 127.0.0.1; port 0 picks a free one (see {@link #port()}). */
    public static WebUi start(CaptureStore store, int port) {
        return start(store, "127.0.0.1", port);
    }

    /**
     * Starts the UI on {@code host}, which must be a loopback address: the UI shows captured tokens to whoever
     * can reach it, so it is never exposed on a network interface.
     */
    public static WebUi start(CaptureStore store, String host, int port) {
        Objects.requireNonNull(store, "store");
        RequestGuard.requireLoopbackBind(host);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        LiveFeed live = new LiveFeed(store);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = 64 * 1024;
            RequestGuard.install(config);
            Pages.install(config);
            new Api(store).install(config);
            new DiffApi(store).install(config);
            live.install(config);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            live.close();
            throw new IllegalStateException("cannot start the web UI on " + host + ":" + port + ": " + rootMessage(e)
                    + "; make sure no other process is using port " + port + " or choose another port (0 = any free port)", e);
        }
        return new WebUi(app, live, host);
    }

    /** The port the UI listens on; if it was started with port 0, the one the system chose. */
    public int port() {
        return app.port();
    }

    /** The UI's base URL, ending with a slash. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        live.close();
        app.stop();
    }

    @Override
    public String toString() {
        return "WebUi{" + (closed ? "closed" : url()) + "}";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
