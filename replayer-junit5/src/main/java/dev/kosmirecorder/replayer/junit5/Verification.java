package dev.kosmirecorder.replayer.junit5;

import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.replayer.JournalEntry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a {@link Sent} pattern against the journal and, when it does not hold, builds the {@link AssertionError}:
 * what was expected, what was sent, and the closest match with what differs.
 */
final class Verification {
    private static final int MAX_LISTED = 10;
    private static final int MAX_PAYLOAD_CHARS = 400;

    private Verification() {
    }

    /** {@code times} null means "at least once". */
    static void verify(List<JournalEntry> journal, Integer times, Sent pattern) {
        List<JournalEntry> matching = journal.stream().filter(pattern::matches).toList();
        boolean holds = times == null ? !matching.isEmpty() : matching.size() == times;
        if (holds) {
            return;
        }
        StringBuilder m = new StringBuilder("Expected ").append(pattern)
                .append(times == null ? " to be sent at least once" : times == 0 ? " not to be sent" : " to be sent " + times(times))
                .append(", but it was sent ")
                .append(times(matching.size())).append(".\n");
        if (!matching.isEmpty()) {
            m.append("Matching:\n");
            matching.stream().limit(MAX_LISTED).forEach(e -> m.append("  ").append(describe(e)).append('\n'));
            throw new AssertionError(m.toString().stripTrailing());
        }
        List<JournalEntry> operations = journal.stream().filter(e -> e.operationName() != null).toList();
        if (operations.isEmpty()) {
            m.append("Nothing was sent that names an operation; the journal holds ")
                    .append(journal.isEmpty() ? "nothing" : countsBy(journal, e -> String.valueOf(e.type()))).append('.');
            throw new AssertionError(m.toString());
        }
        m.append("Sent: ").append(countsBy(operations, JournalEntry::operationName)).append(".\n");
        JournalEntry closest = closest(operations, pattern).orElseThrow();
        m.append("Closest match: ").append(describe(closest)).append('\n');
        pattern.differences(closest).forEach(d -> m.append("  ").append(d).append('\n'));
        throw new AssertionError(m.toString().stripTrailing());
    }

    /** The entry nearest the pattern: same operation name first (fewest differences), else the nearest name. */
    static Optional<JournalEntry> closest(List<JournalEntry> operations, Sent pattern) {
        return operations.stream().min(Comparator.comparingInt((JournalEntry e) ->
                        pattern.operation().equals(e.operationName()) ? 0 : 1000 + Closest.distance(pattern.operation(), e.operationName()))
                .thenComparingInt(e -> pattern.differences(e).size()));
    }

    /** {@code #7 SendMessage (start id "m-1", connection 1): {"variables":…}}, the payload cut to a readable size. */
    static String describe(JournalEntry e) {
        String where = JournalEntry.HTTP.equals(e.type()) ? "POST /"
                : e.type() + (e.id() == null ? "" : " id \"" + e.id() + "\"") + ", connection " + e.connection();
        String payload = e.payload() == null ? "no payload" : Json.compact(e.payload());
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            payload = payload.substring(0, MAX_PAYLOAD_CHARS) + "…";
        }
        return "#" + e.seq() + " " + e.operationName() + " (" + where + "): " + payload;
    }

    private static String countsBy(List<JournalEntry> entries, java.util.function.Function<JournalEntry, String> key) {
        Map<String, Long> counts = entries.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(c -> c.getKey() + (c.getValue() == 1 ? "" : " ×" + c.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String times(int n) {
        return n == 0 ? "never" : n == 1 ? "once" : n + " times";
    }
}
