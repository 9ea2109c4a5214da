package dev.kosmirecorder.core.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.store.SessionSummary;

/**
 * The JSON shape of a session summary: the fixture's session fields ({@link FixtureCodec#putSession}) plus the id
 * and the counts. {@code list --json}, {@code show --json} and the web UI's API all print this one shape.
 */
public final class SessionSummaryJson {
    private SessionSummaryJson() {
    }

    public static ObjectNode of(SessionSummary summary) {
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
}
