package dev.kosmirecorder.testing;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Direction;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.model.SessionKind;
import dev.kosmirecorder.core.model.SessionStatus;
import dev.kosmirecorder.core.model.WsConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every way a working secret was found to survive an export, in one capture: each case names the distinctive part
 * of its secret (a JWT's signature, an opaque value), which no default export, and no {@code /api} answer before
 * <em>Reveal</em>, may contain in any decoded form ({@link SecretScan#leaksIn}). When a new case is found, it is
 * added here, and every test that uses the corpus checks it.
 */
public final class SecretCorpus {
    /** One way a secret hides, and the strings that must not be readable in a redacted output. */
    public record Case(String name, List<String> distinctive) {
    }

    private final List<Case> cases = new ArrayList<>();
    private final List<HttpExchange> exchanges = new ArrayList<>();
    private final List<WsConnection> connections = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private SecretCorpus() {
    }

    /** The corpus capture and its cases, plus the cases of {@link SecretCapture}. */
    public static Map<Capture, List<Case>> all() {
        SecretCorpus c = new SecretCorpus().build();
        Map<Capture, List<Case>> all = new LinkedHashMap<>();
        all.put(c.capture(), List.copyOf(c.cases));
        all.put(SecretCapture.capture(), List.of(
                new Case("Authorization bearer, response body, WebSocket URL, text frame", List.of(signature(SecretCapture.TOKEN))),
                new Case("Cookie value", List.of(SecretCapture.SESSION_COOKIE)),
                new Case("Set-Cookie value", List.of(SecretCapture.SET_COOKIE_VALUE)),
                new Case("opaque refresh token in JSON and a query string", List.of(SecretCapture.OPAQUE_TOKEN)),
                new Case("X-Api-Key header", List.of(SecretCapture.API_KEY))));
        return all;
    }

    /** A signed-looking JWT: a real JSON header and claims, and a signature that is the case's distinctive string. */
    public static String jwt(String headerJson, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"sub\":\"corpus-user\",\"aud\":\"kosmi\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8))
                + "." + signature;
    }

    private static String jwt(String signature) {
        return jwt("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", signature);
    }

    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private SecretCorpus build() {
        String closeJwt = jwt("Cl0seReas0nSig_4f9a8b7c6d5e");
        String statusJwt = jwt("StatusT3xtSig_1a2b3c4d5e6f");
        String pctJwt = jwt("PctD0tsSig_9z8y7x6w5v4u");
        String escapedJwt = jwt("UniEscSig_3q4w5e6r7t8y");
        String spacedJwt = jwt("{ \"alg\": \"HS256\", \"typ\": \"JWT\" }", "EyAiHeaderSig_0p9o8i7u6y");
        String binaryJwt = jwt("BinaryFrameSig_5t6y7u8i9o");
        String latinJwt = jwt("Latin1BodySig_2w3e4r5t6y");
        String wrappedJwt = jwt("B64WrappedSig_7u8i9o0p1q");
        String slashSigA = "Sl4shSigPartOne";
        String slashSigB = "Sl4shSigPartTwo+Three";
        String textSlashA = "TxtSl4shOne";
        String textSlashB = "TxtSl4shTwo";

        WsConnection ws = WsConnection.builder().id(1).requestId("c.1").url("wss://engine.kosmi.io/gql-ws?q=" + pctJwt.replace(".", "%2E"))
                .requestHeaders(Headers.of("Origin", "https://app.kosmi.io", "Sec-WebSocket-Protocol", "graphql-ws, Pr0t0c0lT0kenC0rpus123",
                        "X-Access-Token", "x-4ccess-0paque-c0rpus", "X-CSRF-Token", "csrf-0paque-c0rpus-77"))
                .status(101).statusText("Switching Protocols " + statusJwt)
                .responseHeaders(Headers.of("Sec-WebSocket-Protocol", "Pr0t0c0lT0kenC0rpus123"))
                .subprotocol("Pr0t0c0lT0kenC0rpus123")
                .openedMicros(1_000).closedMicros(9_000_000L).closeCode(4400).closeReason("bye " + closeJwt).build();
        connections.add(ws);
        add("a JWT in a close reason", signature(closeJwt));
        add("a JWT in a status text", signature(statusJwt));
        add("a query value whose dots are %2E", signature(pctJwt));
        add("an opaque token offered as a subprotocol", "Pr0t0c0lT0kenC0rpus123");
        add("X-Access-Token header", "x-4ccess-0paque-c0rpus");
        add("X-CSRF-Token header", "csrf-0paque-c0rpus-77");

        frames.add(Frame.text(1, 1, Direction.RECEIVED, "{\"type\":\"data\",\"id\":\"1\",\"payload\":{\"data\":{\"t\":\""
                + escapedJwt.replace(".", "\\u002e") + "\"}}}", 10_000));
        add("a JSON string with \\u002e escapes", signature(escapedJwt));
        frames.add(Frame.text(1, 2, Direction.RECEIVED, "hello " + spacedJwt + " there", 20_000));
        add("a JWT whose header starts eyAi", signature(spacedJwt));
        frames.add(Frame.of(1, 3, Direction.RECEIVED, Opcode.BINARY, Payload.of(bytes(new byte[] {0, 1, (byte) 0x9b, (byte) 0xff},
                binaryJwt.getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xfe, 0})), 30_000));
        add("a JWT in a binary frame", signature(binaryJwt));
        frames.add(Frame.text(1, 4, Direction.SENT, "{\"blob\":\"" + Base64.getEncoder().encodeToString(("{\"auth\":\"" + wrappedJwt
                + "\"}").getBytes(StandardCharsets.UTF_8)) + "\",\"u\":\"" + Base64.getUrlEncoder().encodeToString(
                "token=b64url-wr4pped-0paque?>>".getBytes(StandardCharsets.UTF_8)) + "\"}", 40_000));
        add("a base64-wrapped JWT", signature(wrappedJwt));
        add("a base64url-wrapped opaque token", "b64url-wr4pped-0paque");
        String slashJwt = jwt("x").replace(".x", "." + slashSigA + "\\/" + slashSigB);
        frames.add(Frame.text(1, 5, Direction.RECEIVED, "{\"type\":\"data\",\"id\":\"2\",\"payload\":{\"token2\":1,\"t\":\"" + slashJwt + "\"}}",
                50_000));
        frames.add(Frame.text(1, 6, Direction.RECEIVED, "raw " + jwt("x").replace(".x", "." + textSlashA + "\\/" + textSlashB) + " end",
                60_000));
        add("a signature with \\/ in JSON", slashSigA, slashSigB);
        add("a signature with \\/ in text", textSlashA, textSlashB);

        exchanges.add(HttpExchange.builder().id(2).requestId("c.2").method("POST").url("https://engine.kosmi.io/login")
                .requestHeaders(Headers.of("Content-Type", "application/x-www-form-urlencoded"))
                .requestBody(Payload.ofText("user=bob&password=hunter2-c0rpus-pw&remember=1")).status(200)
                .responseHeaders(Headers.of("Content-Type", "text/plain; charset=iso-8859-1"))
                .responseBody(Payload.of(("caf\u00e9 \u00e9t\u00e9 " + latinJwt).getBytes(StandardCharsets.ISO_8859_1)))
                .startMicros(100).endMicros(200L).build());
        add("password= in a form body", "hunter2-c0rpus-pw");
        add("a JWT in a body that is not UTF-8", signature(latinJwt));
        exchanges.add(HttpExchange.builder().id(3).requestId("c.3").method("GET")
                .url("https://app.kosmi.io/callback?t%6Fken=pct-n4me-t0ken-c0rpus#access_token=fr4gment-t0ken-c0rpus&token_type=bearer")
                .status(204).startMicros(300).endMicros(400L).build());
        add("#access_token= in a fragment", "fr4gment-t0ken-c0rpus");
        add("t%6Fken= in a query", "pct-n4me-t0ken-c0rpus");

        attributes.put("token", "attr-t0ken-c0rpus-v4lue");
        attributes.put("note", "kept");
        add("a session attribute named token", "attr-t0ken-c0rpus-v4lue");
        return this;
    }

    private Capture capture() {
        Instant start = Instant.parse("2026-11-03T10:00:00Z");
        Session session = new Session(null, SessionKind.RECORDING, "Secret corpus", "https://app.kosmi.io/room/@corpus",
                SessionStatus.COMPLETE, start, start.plusSeconds(10), 0, attributes);
        return Capture.annotated(session, exchanges, connections, frames);
    }

    private void add(String name, String... distinctive) {
        cases.add(new Case(name, List.of(distinctive)));
    }

    private static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
