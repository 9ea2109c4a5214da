package dev.kosmirecorder.store.jdbc;

import java.util.List;

/**
 * Stands in for a driver's exception as the cause of a store failure, with the same class name, stack trace and
 * causes but every message masked: H2 and pgjdbc quote the JDBC URL, password included, in their messages, and a
 * cause's message is printed with its stack trace ({@code KOSMI_DEBUG=1}).
 */
final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    private RedactedException(String message) {
        super(message);
    }

    /** A masked copy of {@code e} and its causes (null for null). */
    static RedactedException of(Throwable e, List<String> secrets) {
        if (e == null) {
            return null;
        }
        String message = JdbcUrls.mask(e.getMessage(), secrets);
        RedactedException copy = new RedactedException(e.getClass().getName() + (message == null ? "" : ": " + message));
        copy.setStackTrace(e.getStackTrace());
        if (e.getCause() != null && e.getCause() != e) {
            copy.initCause(of(e.getCause(), secrets));
        }
        return copy;
    }

    @Override
    public String toString() {
        // The message already starts with the original class name.
        return getMessage();
    }
}
