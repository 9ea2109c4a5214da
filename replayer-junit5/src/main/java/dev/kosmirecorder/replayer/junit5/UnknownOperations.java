package dev.kosmirecorder.replayer.junit5;

import dev.kosmirecorder.replayer.JournalEntry;
import dev.kosmirecorder.replayer.MockAdmin;
import java.util.List;

/** The opt-in check that fails a test whose client started operations the capture does not know. */
final class UnknownOperations {
    private UnknownOperations() {
    }

    static void check(MockAdmin admin) {
        List<JournalEntry> unknown = admin.journal().stream()
                .filter(e -> e.isStart() || JournalEntry.HTTP.equals(e.type()))
                .filter(e -> !admin.matchesRecording(e)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        StringBuilder m = new StringBuilder("The client started ")
                .append(unknown.size() == 1 ? "an operation" : unknown.size() + " operations")
                .append(" that the capture does not know:\n");
        for (JournalEntry e : unknown) {
            List<String> recorded = e.isStart() ? admin.recordedOperations() : admin.recordedHttpOperations();
            String name = e.operationName() == null ? "an unnamed operation" : e.operationName();
            m.append("  ").append(name).append(" — ").append(Closest.name(e.operationName(), recorded)
                    .map(c -> "closest recorded operation: " + c).orElse("the capture records none"))
                    .append("\n    ").append(Verification.describe(e)).append('\n');
        }
        m.append("Recorded over WebSocket: ").append(String.join(", ", admin.recordedOperations()))
                .append("; over POST /: ").append(String.join(", ", admin.recordedHttpOperations())).append('.');
        throw new AssertionError(m.toString());
    }
}
