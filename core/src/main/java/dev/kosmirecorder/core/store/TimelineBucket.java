package dev.kosmirecorder.core.store;

/** Frames counted per direction in one time bucket ({@code startMicros} since the session start). */
public record TimelineBucket(long startMicros, long sent, long received) {
}
