package dev.kosmirecorder.testing;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets a capture holds, found independently of the redactor: every JWT signature in any text of it, and
 * every cookie value sent or set. An export is clean when none of them appears in its bytes.
 */
public final class SecretScan {
    private SecretScan() {
    }

    public static Set<String> secretsOf(Capture capture) {
        List<String> texts = new ArrayList<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (HttpExchange e : capture.exchanges()) {
            texts.add(e.url());
            addHeaders(e.requestHeaders(), texts, secrets);
            addHeaders(e.responseHeaders(), texts, secrets);
            addBody(e.requestBody(), texts);
            addBody(e.responseBody(), texts);
        }
        for (WsConnection c : capture.connections()) {
            texts.add(c.url());
            addHeaders(c.requestHeaders(), texts, secrets);
            addHeaders(c.responseHeaders(), texts, secrets);
            addBody(c.responseBody(), texts);
        }
        for (Frame f : capture.frames()) {
            addBody(f.payload(), texts);
        }
        for (String text : texts) {
            Matcher m = Jwt.COMPACT.matcher(text);
            while (m.find()) {
                Jwt.tryDecode(m.group()).filter(jwt -> !jwt.signature().isEmpty()).ifPresent(jwt -> secrets.add(jwt.signature()));
            }
        }
        return secrets;
    }

    /** The secrets of {@code capture} that appear in {@code exported}. */
    public static List<String> leakedInto(String exported, Capture capture) {
        return secretsOf(capture).stream().filter(exported::contains).toList();
    }

    /**
     * Which of {@code distinctive} can be read in {@code output} as written or decoded the ways a reader decodes:
     * percent-encoding, JSON escapes, and every base64 or base64url run (a HAR carries binary payloads and bodies that
     * way). Decoding is applied twice over, so an encoding inside an encoding is seen too.
     */
    public static List<String> leaksIn(String output, Collection<String> distinctive) {
        List<String> views = new ArrayList<>(List.of(output));
        for (int round = 0; round < 2; round++) {
            List<String> next = new ArrayList<>();
            for (String v : views) {
                next.add(percentDecoded(v));
                next.add(jsonUnescaped(v));
                next.add(base64Decoded(v));
            }
            views.addAll(next);
        }
        return distinctive.stream().filter(secret -> views.stream().anyMatch(v -> v.contains(secret))).toList();
    }

    private static String percentDecoded(String s) {
        Matcher m = Pattern.compile("(%[0-9A-Fa-f]{2})+").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String hex = m.group().replace("%", "");
            byte[] b = new byte[hex.length() / 2];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(new String(b, StandardCharsets.ISO_8859_1)));
        }
        return m.appendTail(out).toString();
    }

    private static String jsonUnescaped(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9A-Fa-f]{4})|\\\\(.)").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String c = m.group(1) != null ? String.valueOf((char) Integer.parseInt(m.group(1), 16)) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(c));
        }
        return m.appendTail(out).toString();
    }

    /** Each base64 run decoded (standard or URL-safe), as Latin-1, one per line. */
    private static String base64Decoded(String s) {
        Matcher m = Pattern.compile("[A-Za-z0-9+/_-]{8,}=*").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group().replace("=", "");
            for (Base64.Decoder d : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
                for (int cut = 0; cut < 4; cut++) {
                    try {
                        String t = run.substring(0, run.length() - cut);
                        out.append(new String(d.decode(t), StandardCharsets.ISO_8859_1)).append('\n');
                        break;
                    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                        // not this alphabet or length; try the next
                    }
                }
            }
        }
        return out.toString();
    }

    private static void addHeaders(Headers headers, List<String> texts, Set<String> secrets) {
        for (Header h : headers.list()) {
            texts.add(h.value());
            boolean setCookie = h.hasName("Set-Cookie");
            if (setCookie || h.hasName("Cookie")) {
                for (String line : h.value().split("\n")) {
                    String[] parts = line.split(";");
                    for (int i = 0; i < (setCookie ? 1 : parts.length); i++) {
                        String[] nv = parts[i].split("=", 2);
                        // Short values (theme=dark, lang=en) are not secrets and would match innocent text.
                        if (nv.length == 2 && nv[1].strip().length() >= 8) {
                            secrets.add(nv[1].strip());
                        }
                    }
                }
            }
        }
    }

    private static void addBody(Payload body, List<String> texts) {
        if (body.isUtf8()) {
            texts.add(body.text());
        }
    }
}
