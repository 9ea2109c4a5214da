package dev.kosmirecorder.core.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which names mark a value as a credential, wherever the name appears: a header, a query or fragment parameter, a
 * form field, a JSON field, a session attribute. A name is compared lower-cased with {@code -} and {@code _}
 * removed, so {@code X-CSRF-Token}, {@code access_token} and {@code accessToken} all contain {@code token}.
 *
 * <p>{@code fragments} match anywhere in a name, {@code exactNames} only whole (short words such as {@code sid} would
 * match innocent names as fragments). {@code harmlessInitFields} are the {@code connection_init} payload fields kept
 * (every other string there is a credential until known otherwise). {@code knownSubprotocols} are the
 * {@code Sec-WebSocket-Protocol} items kept as they are; any other item there that looks like a token goes, since
 * browsers' clients often smuggle a token through that header.
 *
 * <p>{@link #DEFAULT} is what every export, and the UI before <em>Reveal</em>, uses. Users add names with
 * {@code export --redact NAME} or a file of names ({@link #withNamesFrom}); nothing can remove a default.
 */
public record RedactionPolicy(Set<String> fragments, Set<String> exactNames, Set<String> harmlessInitFields,
        Set<String> knownSubprotocols) {

    public static final RedactionPolicy DEFAULT = new RedactionPolicy(
            Set.of("token", "password", "passwd", "passphrase", "secret", "authorization", "credential", "apikey",
                    "accesskey", "privatekey", "sessionid", "sessionkey", "cookie", "csrf", "xsrf", "signature", "bearer"),
            Set.of("auth", "sid", "jwt", "pwd", "pass", "otp"),
            Set.of("ua", "v", "r", "version", "userAgent", "clientVersion"),
            Set.of("graphql-ws", "graphql-transport-ws", "subscriptions-transport-ws", "wamp", "mqtt", "soap", "stomp",
                    "v10.stomp", "v11.stomp", "v12.stomp", "chat", "json", "actioncable-v1-json"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,100}");

    public RedactionPolicy {
        fragments = Set.copyOf(fragments);
        exactNames = Set.copyOf(exactNames);
        harmlessInitFields = Set.copyOf(harmlessInitFields);
        knownSubprotocols = Set.copyOf(knownSubprotocols);
    }

    /** Whether a value under this name is a credential. */
    public boolean isCredentialName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String n = normalise(name);
        if (exactNames.contains(n)) {
            return true;
        }
        for (String f : fragments) {
            if (n.contains(f)) {
                return true;
            }
        }
        return false;
    }

    /** This policy with more credential names; each counts as a fragment ({@code Api-Token} covers {@code X-Api-Token}). */
    public RedactionPolicy withNames(Collection<String> names) {
        Set<String> more = new TreeSet<>(fragments);
        for (String name : names) {
            String n = name.strip();
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("'" + (n.length() > 40 ? n.substring(0, 40) + "…" : n)
                        + "' is not a usable credential name: use letters, digits, '-', '_', '.' or brackets (at most 100)");
            }
            more.add(normalise(n));
        }
        return new RedactionPolicy(more, exactNames, harmlessInitFields, knownSubprotocols);
    }

    /** This policy with the names listed in a file: one a line, blank lines and lines starting with {@code #} ignored. */
    public RedactionPolicy withNamesFrom(Path file) throws IOException {
        List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        return withNames(names);
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
