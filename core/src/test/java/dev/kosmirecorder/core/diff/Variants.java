package dev.kosmirecorder.core.diff;

import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Copies of a capture with one known change, the way a later Kosmi release or a second recording would differ. */
final class Variants {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIME = Pattern.compile("\"time\":(\\d+)");
    private static final Pattern MESSAGE_ID = Pattern.compile("\"m-(\\d{4})\"");

    private Variants() {
    }

    /** The text of every frame of one operation (or of every text frame when {@code operation} is null) rewritten. */
    static Capture frames(Capture c, String operation, UnaryOperator<String> edit) {
        List<Frame> frames = new ArrayList<>();
        for (Frame f : c.frames()) {
            boolean hit = f.opcode() == Opcode.TEXT && (operation == null || operation.equals(f.message().operationName()));
            frames.add(hit ? Frame.text(f.connectionId(), f.seq(), f.direction(), edit.apply(f.text()), f.timeMicros()) : f);
        }
        return Capture.annotated(c.session(), c.exchanges(), c.connections(), frames);
    }

    static Capture exchanges(Capture c, UnaryOperator<HttpExchange> edit) {
        return new Capture(c.session(), c.exchanges().stream().map(edit).toList(), c.connections(), c.frames());
    }

    static Capture connections(Capture c, UnaryOperator<WsConnection> edit) {
        return new Capture(c.session(), c.exchanges(), c.connections().stream().map(edit).toList(), c.frames());
    }

    static HttpExchange responseBody(HttpExchange e, UnaryOperator<String> edit) {
        return e.toBuilder().responseBody(Payload.ofText(edit.apply(e.responseBody().text()))).build();
    }

    /**
     * The same page recorded again: every uuid, token, message id and time differs, frames arrive later and with
     * other gaps, and the per-connection handshake headers have new values.
     */
    static Capture reRecorded(Capture c) {
        Map<String, String> uuids = new HashMap<>();
        UnaryOperator<String> fresh = text -> {
            String out = replace(UUID_TEXT, text, m -> uuids.computeIfAbsent(m.group(), k -> UUID.randomUUID().toString()));
            out = replace(Jwt.COMPACT, out, m -> SyntheticKosmiRoom.token(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1_900_000_000L));
            out = replace(TIME, out, m -> "\"time\":" + (Long.parseLong(m.group(1)) + 86_400 * 3));
            return replace(MESSAGE_ID, out, m -> "\"m-" + (9999 - Integer.parseInt(m.group(1))) + "\"");
        };
        List<Frame> frames = new ArrayList<>();
        for (Frame f : c.frames()) {
            long later = 5_000_000 + f.timeMicros() * 13 / 10;
            frames.add(f.opcode() == Opcode.TEXT
                    ? Frame.text(f.connectionId(), f.seq(), f.direction(), fresh.apply(f.text()), later)
                    : Frame.of(f.connectionId(), f.seq(), f.direction(), f.opcode(), f.payload(), later));
        }
        List<HttpExchange> exchanges = c.exchanges().stream().map(e -> e.toBuilder()
                .requestBody(Payload.ofText(fresh.apply(e.requestBody().text())))
                .responseBody(Payload.ofText(fresh.apply(e.responseBody().text())))
                .responseHeaders(revalued(e.responseHeaders()))
                .build()).toList();
        List<WsConnection> connections = c.connections().stream().map(w -> w.toBuilder()
                .requestHeaders(revalued(w.requestHeaders()))
                .responseHeaders(revalued(w.responseHeaders()))
                .build()).toList();
        return Capture.annotated(c.session(), exchanges, connections, frames);
    }

    /** Headers whose per-connection values (key, accept, date, length, cookie) are new. */
    private static Headers revalued(Headers headers) {
        List<Header> out = new ArrayList<>();
        for (Header h : headers.list()) {
            String value = switch (h.name().toLowerCase()) {
                case "sec-websocket-key" -> "x3JJHMbDL1EzLkh9GBhXDw==";
                case "sec-websocket-accept" -> "HSmrc0sMlYUkAGmm5OPpG2HaGWk=";
                case "date" -> "Tue, 08 Dec 2026 09:12:44 GMT";
                case "content-length" -> "517";
                case "cookie" -> "session=" + UUID.randomUUID();
                default -> h.value();
            };
            out.add(new Header(h.name(), value));
        }
        return new Headers(out);
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(b);
        return b.toString();
    }
}
