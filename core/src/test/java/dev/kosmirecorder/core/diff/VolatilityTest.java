package dev.kosmirecorder.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import org.junit.jupiter.api.Test;

class VolatilityTest {
    @Test
    void idsTimesAndTokensAreVolatile() {
        assertThat(Volatility.isVolatileValue("3f6c2a9e-1b7d-4c55-9a0e-7d2f4b8c6e11")).isTrue();
        assertThat(Volatility.isVolatileValue(SyntheticKosmiRoom.token("a", "b", 1_800_000_000L))).isTrue();
        assertThat(Volatility.isVolatileValue("Bearer " + SyntheticKosmiRoom.token("a", "b", 1_800_000_000L))).isTrue();
        assertThat(Volatility.isVolatileValue("1793555400")).isTrue();
        assertThat(Volatility.isVolatileValue("2026-11-01T18:00:00Z")).isTrue();
        assertThat(Volatility.isVolatileValue("Sun, 01 Nov 2026 18:00:00 GMT")).isTrue();
        assertThat(Volatility.isVolatileValue("5f3a9c0e1b2d4a6f8e7c")).isTrue();
    }

    @Test
    void versionsNamesAndHeaderValuesThatDescribeTheApiAreNot() {
        assertThat(Volatility.isVolatileValue("4364")).isFalse();
        assertThat(Volatility.isVolatileValue("graphql-ws")).isFalse();
        assertThat(Volatility.isVolatileValue("Cowboy")).isFalse();
        assertThat(Volatility.isVolatileValue("1.1 Caddy")).isFalse();
        assertThat(Volatility.isVolatileValue("permessage-deflate; client_max_window_bits")).isFalse();
        assertThat(Volatility.isVolatileValue("https://app.kosmi.io")).isFalse();
        assertThat(Volatility.isVolatileValue(SyntheticKosmiRoom.USER_AGENT)).isFalse();
    }

    @Test
    void idKeysAreVolatileFieldNamesAreNot() {
        assertThat(Volatility.isVolatileKey("42")).isTrue();
        assertThat(Volatility.isVolatileKey("3f6c2a9e-1b7d-4c55-9a0e-7d2f4b8c6e11")).isTrue();
        assertThat(Volatility.isVolatileKey("displayName")).isFalse();
        assertThat(Volatility.isVolatileKey("v")).isFalse();
    }

    @Test
    void perConnectionHeadersAreKnownWhateverTheCase() {
        assertThat(Volatility.isPerConnectionHeader("Sec-WebSocket-Key")).isTrue();
        assertThat(Volatility.isPerConnectionHeader("date")).isTrue();
        assertThat(Volatility.isPerConnectionHeader("Origin")).isFalse();
        assertThat(Volatility.isValueVolatileHeader("Cookie")).isTrue();
        assertThat(Volatility.isValueVolatileHeader("User-Agent")).isFalse();
    }
}
