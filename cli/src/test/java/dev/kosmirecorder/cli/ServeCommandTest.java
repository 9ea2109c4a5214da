package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve}'s refusals: one sentence and the right exit code, before anything listens. */
@Timeout(60)
class ServeCommandTest {

    @Test
    void aTakenPortSaysWhatToDoAndExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRunner r = CliRunner.run("serve", "--port", String.valueOf(port), "--no-ui");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("kosmi-recorder: Port " + port + " already in use. Make sure no other process "
                    + "is using port " + port + " and try again, or use --port 0 for a free port.");
        }
    }

    @Test
    void anUnknownFaultIsBadUsage() {
        CliRunner r = CliRunner.run("serve", "--fault", "explode");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown fault 'explode': use one of reject-upgrade, close-after=N");
    }

    @Test
    void aNegativeSpeedIsRefused() {
        CliRunner r = CliRunner.run("serve", "--speed", "-1", "--port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "kosmi-recorder: --speed: -1 is not a speed; use a number >= 0 (1 = recorded timing, 0 = as fast as possible)\n"
                        + "Run 'kosmi-recorder serve --help' for the options and examples.");
    }
}
