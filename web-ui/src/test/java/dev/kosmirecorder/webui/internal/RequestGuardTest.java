package dev.kosmirecorder.webui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Host and Origin values the guard lets through. */
@Timeout(10)
class RequestGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:8788", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:65535", "[::1]", "[::1]:8788"})
    void loopbackNamesPass(String host) {
        assertThat(RequestGuard.isLoopbackHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "evil.example", "evil.example:8788", "127.0.0.1.evil.example", "localhost.evil.example:80",
            "localhost:", "localhost:abc", "localhost:8788:1", "127.0.0.2", "::1", "[::1]x", "0.0.0.0", "localhost\u0000",
            "10.0.0.1:8788", "localhost:123456"})
    void otherHostsAreRefused(String host) {
        assertThat(RequestGuard.isLoopbackHost(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8788", "HTTP://127.0.0.1:8788"})
    void theUisOwnOriginPasses(String origin) {
        assertThat(RequestGuard.isOwnOrigin(origin, "127.0.0.1:8788")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "http://evil.example", "http://127.0.0.1:8787", "http://localhost:8788", "https://127.0.0.1:8788",
            "http://127.0.0.1:8788.evil.example"})
    void otherOriginsAreRefused(String origin) {
        assertThat(RequestGuard.isOwnOrigin(origin, "127.0.0.1:8788")).isFalse();
    }
}
