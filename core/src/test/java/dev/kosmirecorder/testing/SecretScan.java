package dev.kosmirecorder.testing;

import dev.kosmirecorder.core.jwt.Jwt;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Header;
import dev.kosmirecorder.core.model.Headers;
import dev.kosmirecorder.core.model.HttpExchange;
import dev.kosmirecorder.core.model.Payload;
import dev.kosmirecorder.core.model.WsConnection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

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
