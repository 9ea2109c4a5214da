package dev.kosmirecorder.core.diff;

/**
 * One GraphQL operation as a capture used it: frames each way, the median gap between its frames (-1 when it
 * had fewer than two), the shapes of its variables and of its results.
 */
public record OperationProfile(String name, long sent, long received, long medianGapMicros, Shape variables, Shape result) {
    public long frames() {
        return sent + received;
    }
}
