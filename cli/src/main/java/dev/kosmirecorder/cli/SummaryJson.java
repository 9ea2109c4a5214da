package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.SessionSummaryJson;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.store.SessionSummary;

/** The JSON shape of a session summary that {@code list --json} and {@code show --json} print. */
final class SummaryJson {
    private SummaryJson() {
    }

    static ObjectNode of(SessionSummary summary) {
        return SessionSummaryJson.of(summary);
    }

    /** The one way a terminal table shows a time: UTC to the second, ISO 8601 ({@code 2026-11-01T18:00:00Z}). */
    static String timestamp(java.time.Instant t) {
        return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static String duration(Session s) {
        return s.duration().map(d -> {
            long ms = d.toMillis();
            return ms < 60_000 ? String.format("%.1fs", ms / 1000.0) : String.format("%dm%02ds", ms / 60_000, (ms / 1000) % 60);
        }).orElse("-");
    }
}
