package dev.kosmirecorder.core.store;

/**
 * A store operation failed. The message is one sentence a user can act on ("the store … is open in another
 * process; …"), because the CLI prints it as is.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
