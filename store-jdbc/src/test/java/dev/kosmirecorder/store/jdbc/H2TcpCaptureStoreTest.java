package dev.kosmirecorder.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract through H2's own TCP server ({@code --db jdbc:h2:tcp://…}), which a user may still run. */
class H2TcpCaptureStoreTest extends CaptureStoreContract {
    private static final AtomicInteger STORES = new AtomicInteger();
    @TempDir
    static Path base;
    private static Server server;

    @BeforeAll
    static void startServer() throws SQLException {
        // Loopback by H2's own rule (no -tcpAllowOthers); -ifNotExists lets a client create a database under -baseDir.
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", base.toString()).start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Override
    protected JdbcCaptureStore openStore() {
        return JdbcCaptureStore.open("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/store-" + STORES.incrementAndGet());
    }

    @Test
    void aServerUrlWithAPasswordOpensAndNeverShowsIt() {
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/secured;USER=kosmi;PASSWORD=tcp-S3cret-pw";
        try (JdbcCaptureStore store = JdbcCaptureStore.open(url)) {
            String id = store.save(SyntheticKosmiRoom.kosmiRoom());
            assertThat(store.sessions()).extracting(s -> s.session().id()).containsExactly(id);
            assertThat(store.location()).doesNotContain("tcp-S3cret-pw").contains("PASSWORD=" + JdbcUrls.MASK);
        }
        try (JdbcCaptureStore again = JdbcCaptureStore.open(url)) {
            assertThat(again.sessions()).hasSize(1);
        }
    }
}
