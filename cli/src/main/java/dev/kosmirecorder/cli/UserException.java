package dev.kosmirecorder.cli;

/** A failure the user must act on: printed as one sentence, exit code 1, no stack trace. */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
