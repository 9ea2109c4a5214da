package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.StoreException;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our own sentences for what the database reports: H2's raw messages ("Value too long for column … SQL
 * statement: …") name internals and end mid-sentence, and a user needs the cause and the fix. {@code location} is
 * always the store's display form, so a password in a JDBC URL is never printed.
 */
final class StoreErrors {
    /** H2's error codes (org.h2.api.ErrorCode), by number so this class needs nothing from H2. */
    static final int VALUE_TOO_LONG = 22001;
    static final int DATABASE_IS_READ_ONLY = 90097;
    static final int FILE_CORRUPTED = 90030;
    static final int LOCKED = 90020;
    static final int FILE_VERSION = 90048;

    private static final Pattern COLUMN = Pattern.compile("column \"([A-Za-z_]+)");
    private static final Pattern H2_TAIL = Pattern.compile("(;\\s*SQL statement:.*|\\s*\\[\\d{5}-\\d+\\])", Pattern.DOTALL);

    private StoreErrors() {
    }

    static StoreException reading(String location, SQLException e, List<String> secrets) {
        return failed("reading from", location, e, secrets);
    }

    static StoreException writing(String location, SQLException e, List<String> secrets) {
        return failed("writing to", location, e, secrets);
    }

    /** {@code what} ("reading from", "writing to") the store failed; known causes get our own sentence. */
    static StoreException failed(String what, String location, SQLException e, List<String> secrets) {
        return known(location, e, secrets, what + " the store " + location + " failed: " + JdbcUrls.mask(plain(e), secrets));
    }

    /** What opening the store failed of; {@code secrets} (passwords, keys) are masked in the message and the cause. */
    static StoreException opening(String location, SQLException e, List<String> secrets) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("already in use") || msg.contains("locked by another process") || e.getErrorCode() == LOCKED) {
            return new StoreException("the store " + location + " is open in another kosmi-recorder process; "
                    + "stop it, use another --db, or share one store through an H2 server (--db jdbc:h2:tcp://HOST/PATH)",
                    RedactedException.of(e, secrets));
        }
        if (e.getErrorCode() == FILE_VERSION || msg.contains("file version") || msg.contains("Unsupported database")) {
            return new StoreException("the store " + location + " is not an H2 2.x database kosmi-recorder can read; "
                    + "pass another --db", RedactedException.of(e, secrets));
        }
        return known(location, e, secrets, "cannot open the store " + location + ": " + JdbcUrls.mask(plain(e), secrets));
    }

    static StoreException readOnly(String location) {
        return new StoreException("the store " + location + " is read-only (its file is not writable), so it was not changed; "
                + "make it writable (chmod u+w) to change it, or pass another --db");
    }

    /**
     * Our sentence for a failure the database reports by a known code (read-only, corrupt, a value too long), else
     * {@code otherwise}; the cause keeps the driver's exception with {@code secrets} masked.
     */
    static StoreException known(String location, SQLException e, List<String> secrets, String otherwise) {
        Throwable cause = RedactedException.of(e, secrets);
        SQLException root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                root = s;
            }
        }
        int code = root.getErrorCode();
        String msg = String.valueOf(root.getMessage());
        if (code == DATABASE_IS_READ_ONLY || msg.contains("read only")) {
            return new StoreException(readOnly(location).getMessage(), cause);
        }
        if (code == FILE_CORRUPTED || msg.contains("File corrupted") || msg.contains("corrupt")) {
            return new StoreException("the store " + location + " is damaged (its file is truncated or corrupt), so kosmi-recorder "
                    + "neither reads it as empty nor writes to it; restore it from a backup, or pass another --db", cause);
        }
        if (code == VALUE_TOO_LONG) {
            Matcher m = COLUMN.matcher(msg);
            String column = m.find() ? " " + m.group(1).toLowerCase(java.util.Locale.ROOT) : "";
            return new StoreException("the store " + location + " refused a value longer than its column" + column
                    + " holds, and kept everything else; a store on schema version 3 or later holds such values", cause);
        }
        return new StoreException(otherwise, cause);
    }

    /** H2's message without the statement it quotes and the error-code suffix, on one line. */
    static String plain(SQLException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        msg = H2_TAIL.matcher(msg).replaceAll("");
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).strip();
    }
}
