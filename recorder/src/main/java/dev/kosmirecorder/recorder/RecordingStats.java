package dev.kosmirecorder.recorder;

/** What a recording has captured so far, for the progress line and the final summary. */
public record RecordingStats(long framesReceived, long framesSent, long bytes, int exchanges, int connections,
                             int refusedHandshakes, long framesLost) {

    public long frames() {
        return framesReceived + framesSent;
    }
}
