package dev.kosmirecorder.core.store;

/** The store holds no session with the given id. */
public class NoSuchSessionException extends StoreException {
    private final String sessionId;

    public NoSuchSessionException(String sessionId) {
        super("no session with id '" + sessionId + "' in the store; run 'kosmi-recorder list' to see the ids");
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
