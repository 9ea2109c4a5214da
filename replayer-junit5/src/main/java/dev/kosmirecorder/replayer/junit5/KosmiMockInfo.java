package dev.kosmirecorder.replayer.junit5;

import java.net.URI;

/** What a test needs to reach the running mock: {@code POST} to {@link #httpUrl()}, connect to {@link #wsUrl()}. */
public record KosmiMockInfo(URI httpUrl, URI wsUrl, int port) {

    /** A path on the mock, for example {@code url("/__admin/health")}. */
    public URI url(String path) {
        return httpUrl.resolve(path.startsWith("/") ? path : "/" + path);
    }
}
