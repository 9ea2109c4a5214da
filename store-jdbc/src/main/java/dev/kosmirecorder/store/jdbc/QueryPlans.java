package dev.kosmirecorder.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.Json;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each database explains a frame query, and how many rows it read: the evidence the paging tests assert on
 * (that a page walks an index and costs the same at any depth), asked of the database rather than timed.
 */
final class QueryPlans {
    private static final Pattern H2_SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private QueryPlans() {
    }

    /** The statement that shows the plan as text (H2: index names in capitals; PostgreSQL: {@code Index Scan using …}). */
    static String explain(StoreVendor vendor, String sql) {
        return "EXPLAIN " + sql;
    }

    /** The statement that runs {@code sql} and reports the rows it read. */
    static String analyze(StoreVendor vendor, String sql) {
        return vendor == StoreVendor.POSTGRESQL ? "EXPLAIN (ANALYZE, FORMAT JSON) " + sql : "EXPLAIN ANALYZE " + sql;
    }

    /**
     * Rows read according to {@link #analyze}'s output lines: H2's {@code scanCount}s; PostgreSQL's scan nodes'
     * actual rows (times loops) plus the rows they read and dropped by a filter.
     */
    static long rowsRead(StoreVendor vendor, List<String> analyzeOutput) {
        long rows = 0;
        if (vendor == StoreVendor.POSTGRESQL) {
            for (String json : analyzeOutput) {
                try {
                    rows += postgresRows(Json.MAPPER.readTree(json));
                } catch (IOException e) {
                    throw new IllegalStateException("PostgreSQL's EXPLAIN gave no JSON: " + json, e);
                }
            }
            return rows;
        }
        for (String plan : analyzeOutput) {
            Matcher m = H2_SCAN_COUNT.matcher(plan);
            while (m.find()) {
                rows += Long.parseLong(m.group(1));
            }
        }
        return rows;
    }

    private static long postgresRows(JsonNode node) {
        long rows = 0;
        if (node.isArray()) {
            for (JsonNode child : node) {
                rows += postgresRows(child);
            }
            return rows;
        }
        if (node.has("Plan")) {
            return postgresRows(node.get("Plan"));
        }
        if (node.path("Node Type").asText().contains("Scan")) {
            long loops = Math.max(1, node.path("Actual Loops").asLong(1));
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong()) * loops;
        }
        for (JsonNode child : node.path("Plans")) {
            rows += postgresRows(child);
        }
        return rows;
    }
}
