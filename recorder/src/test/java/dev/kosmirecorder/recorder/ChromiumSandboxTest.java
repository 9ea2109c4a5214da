package dev.kosmirecorder.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The recorder's Chromium keeps its sandbox unless it runs as root, where Chromium refuses to start with it. */
class ChromiumSandboxTest {
    @Test
    void theSandboxIsOffOnlyForRoot() {
        assertThat(Chromium.FLAGS).doesNotContain("--no-sandbox");
        assertThat(Chromium.sandboxFlags(false)).isEmpty();
        assertThat(Chromium.sandboxFlags(true)).containsExactly("--no-sandbox");
    }

    @Test
    void rootIsToldFromTheProcessUid() {
        assertThat(Chromium.runningAsRoot()).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
