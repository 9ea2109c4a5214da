package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.StoreException;

/**
 * The databases the store runs on (SPEC §9): H2 embedded (file, memory, or H2's own TCP server) and PostgreSQL.
 * Where their SQL or their tooling differ, the difference is decided here and nowhere else.
 */
public enum StoreVendor {
    H2("jdbc:h2:"),
    POSTGRESQL("jdbc:postgresql:");

    private final String prefix;

    StoreVendor(String prefix) {
        this.prefix = prefix;
    }

    /** The vendor of a JDBC URL; any other database is refused with a sentence naming the two that work. */
    public static StoreVendor of(String jdbcUrl) {
        for (StoreVendor v : values()) {
            if (jdbcUrl.regionMatches(true, 0, v.prefix, 0, v.prefix.length())) {
                return v;
            }
        }
        int colon = jdbcUrl.indexOf(':', "jdbc:".length());
        String named = colon < 0 ? jdbcUrl : jdbcUrl.substring(0, colon + 1);
        throw new StoreException("kosmi-recorder cannot keep captures in a " + JdbcUrls.mask(named) + " database; "
                + "pass a path, a jdbc:h2: URL or a jdbc:postgresql: URL to --db");
    }

    /**
     * The folder of migrations that replace shared ones of the same version on this database ({@code null} when
     * none do). Only V1 differs today: it was written for H2 with {@code BLOB} and {@code VARBINARY}, which
     * PostgreSQL spells {@code BYTEA}, and a released migration is never edited.
     */
    String overrideLocation() {
        return this == POSTGRESQL ? "db/vendor/postgresql" : null;
    }
}
