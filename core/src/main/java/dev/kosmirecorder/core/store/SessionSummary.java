package dev.kosmirecorder.core.store;

import dev.kosmirecorder.core.model.Session;

/** A session with the counts that lists show, kept up to date by the store as frames are appended. */
public record SessionSummary(Session session, int exchanges, int connections, long frames, long framesSent, long payloadBytes) {
    public long framesReceived() {
        return frames - framesSent;
    }
}
