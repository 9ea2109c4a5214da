package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.replayer.Fault;
import dev.kosmirecorder.replayer.KosmiMock;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe} through the command line against the project's mock (strict, refusing), odd servers, and a closed port. */
@Timeout(60)
class ProbeCommandTest {
    private static CliRunner probe(String... args) {
        List<String> all = new ArrayList<>(List.of("probe"));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static List<JsonNode> attempts(CliRunner run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> attempts = new ArrayList<>();
        Json.MAPPER.readTree(run.out()).get("attempts").forEach(attempts::add);
        return attempts;
    }

    /** The project's own mock on a free port, playing the built-in room. */
    private static KosmiMock mock(KosmiMock.Builder settings) {
        return settings.capture(BuiltInFixtures.kosmiRoom()).port(0).speed(0).start();
    }

    /** The token the built-in room's POST answered with: strict mode accepts it as one it issued. */
    private static String recordedToken() {
        return Jwt.findIn(BuiltInFixtures.kosmiRoom().exchanges().get(0).responseBody().text()).orElseThrow().raw();
    }

    @Test
    void strictMockShowsWhichAttemptsPassAndWhereTheOthersStop() throws Exception {
        try (KosmiMock server = mock(KosmiMock.builder().strict(true))) {
            List<JsonNode> attempts = attempts(probe(server.wsUrl().toString(), "--token", recordedToken(), "--cookie", "sid=abc",
                    "--json", "--timeout", "5s"));

            String noOrigin = "Origin header missing: strict mode requires Origin https://app.kosmi.io, as a browser on it sends";
            String noSubprotocol = "Sec-WebSocket-Protocol missing: strict mode requires graphql-ws (or graphql-transport-ws)";
            assertThat(attempts).extracting(a -> a.get("name").asText(), a -> a.get("reached").asText(), a -> a.get("result").asText(),
                    a -> a.get("status").asText(), a -> a.path("headers").path("X-Kosmi-Mock-Reason").asText("-")).containsExactly(
                    tuple("no headers", "HTTP upgrade", "stop", "403", noOrigin + "; " + noSubprotocol),
                    tuple("Origin only", "HTTP upgrade", "stop", "403", noSubprotocol),
                    tuple("subprotocol only", "HTTP upgrade", "stop", "403", noOrigin),
                    tuple("Origin + subprotocol", "connection_init answer", "stop", "101", "-"),
                    tuple("+ token in connection_init", "connection_init answer", "pass", "101", "-"),
                    tuple("+ cookies", "connection_init answer", "pass", "101", "-"));
            assertThat(attempts.get(0).get("diagnosis").asText()).startsWith("403 before any WebSocket frame: the server refuses the upgrade "
                    + "itself — Origin/headers/TLS, not your token; the mock says: " + noOrigin);
            assertThat(attempts.get(3).get("diagnosis").asText()).startsWith("the upgrade was accepted, but connection_init got "
                    + "connection_error").endsWith("the token (or its absence) is refused, not the handshake");
            assertThat(attempts.get(4).at("/headers/Sec-WebSocket-Protocol").asText()).isEqualTo("graphql-ws");
            assertThat(attempts.get(4).get("diagnosis").asText()).isEqualTo("accepted: connection_ack");
            assertThat(attempts.get(5).at("/sent/cookie").asBoolean()).isTrue();
        }
    }

    @Test
    void tableNamesEachAttemptsPhaseAndDiagnosis() throws Exception {
        try (KosmiMock server = mock(KosmiMock.builder().strict(true))) {
            CliRunner run = probe(server.wsUrl().toString(), "--timeout", "5s");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("#  ATTEMPT", "REACHED", "MOCK-REASON")
                    .contains("1. no headers: 403 before any WebSocket frame: the server refuses the upgrade itself")
                    .contains("5. + token in connection_init: skipped: no token given (--token)")
                    .contains("6. + cookies: skipped: no cookie given (--cookie)");
            assertThat(run.out().lines().filter(l -> l.startsWith("4 ")).findFirst().orElseThrow())
                    .contains("Origin + subprotocol", "connection_init answer", "stop", "101", "graphql-ws");
        }
    }

    @Test
    void rejectUpgradeFaultStopsEveryAttemptAtTheUpgradeWith403() throws Exception {
        try (KosmiMock server = mock(KosmiMock.builder().fault(Fault.parse("reject-upgrade")))) {
            List<JsonNode> attempts = attempts(probe(server.wsUrl().toString(), "--token", "t", "--cookie", "a=b", "--json", "--timeout", "5s"));
            assertThat(attempts).hasSize(6).allSatisfy(a -> {
                assertThat(a.get("reached").asText()).isEqualTo("HTTP upgrade");
                assertThat(a.get("result").asText()).isEqualTo("stop");
                assertThat(a.get("status").asInt()).isEqualTo(403);
                assertThat(a.get("diagnosis").asText()).startsWith("403 before any WebSocket frame")
                        .endsWith("the mock says: fault reject-upgrade is on: the mock refuses every WebSocket upgrade");
            });
        }
    }

    @Test
    void aServerThatIgnoresTheSubprotocolStopsAtTheSubprotocol() throws Exception {
        try (OddEndpoint server = new OddEndpoint(OddEndpoint.Mode.NO_SUBPROTOCOL)) {
            List<JsonNode> attempts = attempts(probe(server.url().toString(), "--json", "--timeout", "5s"));
            assertThat(attempts.get(1).get("reached").asText()).isEqualTo("connection_init answer");
            assertThat(attempts.get(2).get("reached").asText()).isEqualTo("subprotocol");
            assertThat(attempts.get(2).get("diagnosis").asText()).startsWith("the upgrade was accepted but the server chose no subprotocol");
        }
    }

    @Test
    void wssTrustsWhatTheJvmTrustStoreTrusts(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "probe", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-alias", "probe", "-keystore", keyStore.toString(), "-storepass", "changeit", "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "probe", "-file", cert.toString(), "-keystore", trustStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        try (OddEndpoint server = new OddEndpoint(OddEndpoint.Mode.REJECT_UPGRADE, keyStore, "changeit")) {
            assertThat(server.url().getScheme()).isEqualTo("wss");
            List<JsonNode> untrusted = attempts(probe(server.url().toString(), "--json", "--timeout", "5s"));
            assertThat(untrusted.get(0).get("reached").asText()).isEqualTo("TLS");
            assertThat(untrusted.get(0).get("diagnosis").asText()).startsWith("the TLS handshake failed (")
                    .endsWith("import its CA into the JVM trust store with keytool");

            String previous = System.getProperty("javax.net.ssl.trustStore");
            System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
            try {
                List<JsonNode> trusted = attempts(probe(server.url().toString(), "--json", "--timeout", "5s"));
                assertThat(trusted.get(0).get("reached").asText()).isEqualTo("HTTP upgrade");
                assertThat(trusted.get(0).get("status").asInt()).isEqualTo(403);
            } finally {
                if (previous == null) {
                    System.clearProperty("javax.net.ssl.trustStore");
                } else {
                    System.setProperty("javax.net.ssl.trustStore", previous);
                }
                System.clearProperty("javax.net.ssl.trustStorePassword");
            }
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void closedPortIsOneSentence() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRunner run = probe("ws://127.0.0.1:" + port + "/gql-ws", "--timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("kosmi-recorder: nothing is listening on 127.0.0.1:" + port
                + " (connection refused); start the server or correct the URL's host and port\n");
    }

    @Test
    void aServerThatNeverAnswersStopsAtTheUpgradeAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Connections wait in the backlog, accepted by nobody: TCP works, HTTP never answers.
            List<JsonNode> attempts = attempts(probe("ws://127.0.0.1:" + silent.getLocalPort() + "/gql-ws", "--json", "--timeout", "300ms"));
            assertThat(attempts.get(0).get("reached").asText()).isEqualTo("HTTP upgrade");
            assertThat(attempts.get(0).get("diagnosis").asText())
                    .isEqualTo("no answer to the upgrade within 300 ms: the server (or a proxy) holds the request");
        }
    }

    @Test
    void notAWebSocketUrlIsRefused() {
        CliRunner run = probe("http://127.0.0.1:1/gql-ws");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("kosmi-recorder: 'http://127.0.0.1:1/gql-ws' is not a WebSocket URL; write it as "
                + "ws://HOST:PORT/PATH or wss://HOST/PATH\nRun 'kosmi-recorder probe --help' for the options and examples.");
    }
}
