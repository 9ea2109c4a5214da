package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9 on the default H2 file, with no set-up: a second process opens the store the first has open (over the
 * first's loopback server, with the key from the owner-only advert), and takes its place when the first exits.
 */
@Timeout(120)
class SharedFileStoreTest {
    @TempDir
    Path dir;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondProcessUsesTheStoreTheFirstHasOpen() throws Exception {
        String db = dir.resolve("store").toString();
        try (JdbcCaptureStore store = JdbcCaptureStore.open(db)) {
            String mine = store.save(SyntheticKosmiRoom.kosmiRoom());
            Process child = child(db, "save");
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            List<String> ids = out.lines().toList();
            assertThat(ids).hasSize(2).contains(mine);
            assertThat(store.sessions()).extracting(s -> s.session().id()).containsExactlyInAnyOrderElementsOf(ids);

            Path advert = dir.resolve("store.server");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(advert))).isEqualTo("rw-------");
            assertThat(Files.readString(advert)).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(dir.resolve("store.server")).doesNotExist();
    }

    @Test
    void theServerAnswersOnlyOnLoopbackAndOnlyWithTheKey() throws Exception {
        String db = dir.resolve("store").toString();
        try (JdbcCaptureStore store = JdbcCaptureStore.open(db)) {
            SharedH2File.Advert advert = SharedH2File.Advert.read(dir.resolve("store.server")).orElseThrow();
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + advert.port() + "/"
                    + dir.resolve("store") + ";IFEXISTS=TRUE", "", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
            DriverManager.getConnection(advert.url(), "", "").close();
            Optional<InetAddress> external = nonLoopbackAddress();
            if (external.isPresent()) {
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(external.get(), advert.port()), 2000))
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    void whenTheOwnerExitsAnotherProcessTakesItsPlace() throws Exception {
        String db = dir.resolve("store").toString();
        Process owner = child(db, "hold");
        await().atMost(Duration.ofSeconds(60)).until(() -> owner.getInputStream().available() > 0 || !owner.isAlive());
        assertThat(owner.isAlive()).isTrue();
        try (JdbcCaptureStore store = JdbcCaptureStore.open(db)) {
            String first = store.save(SyntheticKosmiRoom.kosmiRoom());
            assertThat(Files.readString(dir.resolve("store.server"))).contains("pid=" + owner.pid());
            owner.getOutputStream().close();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();

            String second = store.save(SyntheticKosmiRoom.kosmiRoom());
            assertThat(store.sessions()).extracting(s -> s.session().id()).containsExactlyInAnyOrder(first, second);
            assertThat(Files.readString(dir.resolve("store.server"))).contains("pid=" + ProcessHandle.current().pid());
        }
    }

    @Test
    void aKilledOwnerIsReplacedToo() throws Exception {
        String db = dir.resolve("store").toString();
        Process owner = child(db, "hold");
        await().atMost(Duration.ofSeconds(60)).until(() -> owner.getInputStream().available() > 0 || !owner.isAlive());
        try (JdbcCaptureStore store = JdbcCaptureStore.open(db)) {
            assertThat(store.sessions()).isEmpty();
            owner.destroyForcibly();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String id = store.save(SyntheticKosmiRoom.kosmiRoom());
            assertThat(store.session(id)).isPresent();
        }
    }

    private Process child(String db, String command) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classpath,
                StoreChild.class.getName(), db, command).start();
        children.add(p);
        return p;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
