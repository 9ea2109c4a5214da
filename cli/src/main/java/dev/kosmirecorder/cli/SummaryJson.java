package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.store.SessionSummary;

/** The JSON shape of a session summary that {@code list --json} and {@code show --json} print. */
final class SummaryJson {
    private SummaryJson() {
    }

    static ObjectNode of(SessionSummary summary) {
        Session s = summary.session();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", s.id());
        FixtureCodec.putSession(o, s);
        o.put("durationMillis", s.duration().map(d -> d.toMillis()).orElse(null));
        o.put("exchanges", summary.exchanges());
        o.put("connections", summary.connections());
        o.put("frames", summary.frames());
        o.put("framesSent", summary.framesSent());
        o.put("framesReceived", summary.framesReceived());
        o.put("payloadBytes", summary.payloadBytes());
        return o;
    }

    static String duration(Session s) {
        return s.duration().map(d -> {
            long ms = d.toMillis();
            return ms < 60_000 ? String.format("%.1fs", ms / 1000.0) : String.format("%dm%02ds", ms / 60_000, (ms / 1000) % 60);
        }).orElse("-");
    }
}
