package dev.kosmirecorder.recorder;

/** A recording could not start or go on; the message is one sentence naming the cause and what to do. */
public class RecorderException extends RuntimeException {
    public RecorderException(String message) {
        super(message);
    }

    public RecorderException(String message, Throwable cause) {
        super(message, cause);
    }
}
