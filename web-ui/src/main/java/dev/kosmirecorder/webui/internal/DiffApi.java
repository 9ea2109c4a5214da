package dev.kosmirecorder.webui.internal;

import dev.kosmirecorder.core.diff.CaptureDiff;
import dev.kosmirecorder.core.diff.DiffInput;
import dev.kosmirecorder.core.diff.DiffJson;
import dev.kosmirecorder.core.diff.DiffOptions;
import dev.kosmirecorder.core.diff.DiffReport;
import dev.kosmirecorder.core.store.CaptureStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/diff?a=ID&b=ID[&ignore=PATH...]}: what changed from session A to session B, as the same
 * document {@code kosmi-recorder diff --json} prints. Sessions are read page by page, never loaded whole.
 */
public final class DiffApi {
    /** Most {@code ignore} parameters accepted: each is a pattern matched against every change. */
    static final int MAX_IGNORES = 50;

    private final CaptureStore store;

    public DiffApi(CaptureStore store) {
        this.store = store;
    }

    public void install(JavalinConfig config) {
        config.routes.get("/api/diff", this::diff);
    }

    private void diff(Context ctx) {
        String a = required(ctx, "a");
        String b = required(ctx, "b");
        List<String> ignore = ctx.queryParams("ignore").stream().filter(p -> !p.isBlank()).toList();
        if (ignore.size() > MAX_IGNORES) {
            throw new RequestGuard.Refusal(400, "at most " + MAX_IGNORES + " ignore parameters, got " + ignore.size());
        }
        DiffReport report = CaptureDiff.compare(source(a), source(b), new DiffOptions(ignore));
        Api.json(ctx, DiffJson.of(report));
    }

    private DiffInput source(String id) {
        if (store.summary(id).isEmpty()) {
            throw new RequestGuard.Refusal(404, "no session with id '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                    + "'; the sessions list at / shows the ids");
        }
        return DiffInput.of(store, id);
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new RequestGuard.Refusal(400, "parameter " + name + " must name a session, for example /api/diff?a=ID&b=ID");
        }
        return v;
    }
}
