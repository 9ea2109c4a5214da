package dev.kosmirecorder.webui;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Session;
import java.time.Duration;
import java.util.List;

/** The built-in room and a later "release" of it with known changes, one of them a field name that is HTML. */
final class DiffCaptures {
    static final String HOSTILE_FIELD = "<img src=x onerror=alert(1)>";

    private DiffCaptures() {
    }

    static Capture room() {
        return BuiltInFixtures.kosmiRoom();
    }

    /** The room with {@code v} bumped, a response header added and an HTML-named field in JoinRoom's result. */
    static Capture nextRelease() {
        Capture room = room();
        List<Frame> frames = room.frames().stream().map(f -> f.opcode() != Opcode.TEXT ? f
                : Frame.text(f.connectionId(), f.seq(), f.direction(), f.text()
                        .replace("\"v\":\"4364\"", "\"v\":\"4365\"")
                        .replace("\"joinRoom\":{\"ok\":true}", "\"joinRoom\":{\"ok\":true,\"" + HOSTILE_FIELD + "\":1}"), f.timeMicros())).toList();
        Session s = room.session();
        // A day later, so that the sessions list (newest first) has a fixed order.
        Session later = new Session(null, s.kind(), s.name() + " (next release)", s.target(), s.status(), s.startedAt().plus(Duration.ofDays(1)),
                s.endedAt().plus(Duration.ofDays(1)), 0, s.attributes());
        return Capture.annotated(later, room.exchanges(),
                room.connections().stream().map(c -> c.toBuilder()
                        .responseHeaders(c.responseHeaders().with("X-Kosmi-Release", "2026.12")).build()).toList(),
                frames);
    }
}
