package dev.kosmirecorder.webui.internal;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pages: static HTML, JavaScript and CSS from the classpath ({@code webui/}), no build step. Pages fetch
 * everything they show from the API and put captured text into the DOM only as text.
 */
public final class Pages {
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9.-]{0,60}\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private Pages() {
    }

    public static void install(JavalinConfig config) {
        config.routes.get("/", ctx -> send(ctx, "index.html"));
        config.routes.get("/sessions/{id}", ctx -> send(ctx, "session.html"));
        config.routes.get("/compare", ctx -> send(ctx, "compare.html"));
        config.routes.get("/diff", ctx -> send(ctx, "diff.html"));
        config.routes.get("/assets/{name}", ctx -> {
            String name = ctx.pathParam("name");
            if (!ASSET.matcher(name).matches() || !send(ctx, "assets/" + name)) {
                Api.error(ctx, 404, "no asset named " + (name.length() > 60 ? name.substring(0, 60) : name));
            }
        });
    }

    private static boolean send(Context ctx, String resource) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream("webui/" + resource)) {
            if (in == null) {
                return false;
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            ctx.contentType(TYPES.get(ext)).result(in.readAllBytes());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
