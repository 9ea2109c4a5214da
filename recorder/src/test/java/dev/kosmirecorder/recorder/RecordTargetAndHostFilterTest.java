package dev.kosmirecorder.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@code record}'s target and {@code --host} values mean. */
@Timeout(10)
class RecordTargetAndHostFilterTest {

    @Test
    void aRoomNameOpensTheKosmiRoomAndAUrlIsKeptAsGiven() {
        assertThat(RecordTarget.parse("@myroom").url()).isEqualTo("https://app.kosmi.io/room/@myroom");
        assertThat(RecordTarget.parse("http://127.0.0.1:5173/app?x=1").url()).isEqualTo("http://127.0.0.1:5173/app?x=1");
        assertThatThrownBy(() -> RecordTarget.parse("myroom")).hasMessage(
                "'myroom' is neither a room (@NAME) nor an http(s) URL; write @myroom or https://app.kosmi.io/room/@myroom");
        assertThatThrownBy(() -> RecordTarget.parse("file:///etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultHostIsKosmisEngineOnEveryPortAndScheme() {
        HostFilter hosts = HostFilter.parse(List.of());
        assertThat(hosts.matches("https://engine.kosmi.io/")).isTrue();
        assertThat(hosts.matches("wss://ENGINE.kosmi.io/gql-ws")).isTrue();
        assertThat(hosts.matches("https://app.kosmi.io/")).isFalse();
        assertThat(hosts.matches("https://engine.kosmi.io.evil.example/")).isFalse();
        assertThat(hosts.matches("blob:https://engine.kosmi.io/1")).isFalse();
    }

    @Test
    void aPortNarrowsTheHostToThatPortWithSchemeDefaults() {
        HostFilter hosts = HostFilter.parse(List.of("127.0.0.1:8787", "example.com:443"));
        assertThat(hosts.matches("ws://127.0.0.1:8787/gql-ws")).isTrue();
        assertThat(hosts.matches("http://127.0.0.1:8788/")).isFalse();
        assertThat(hosts.matches("wss://example.com/")).isTrue();
        assertThat(hosts.matches("http://example.com/")).isFalse();
        assertThatThrownBy(() -> HostFilter.parse(List.of("http://x/"))).hasMessage(
                "'http://x/' is not a host; write it as HOST or HOST:PORT, for example engine.kosmi.io or 127.0.0.1:8787");
    }
}
