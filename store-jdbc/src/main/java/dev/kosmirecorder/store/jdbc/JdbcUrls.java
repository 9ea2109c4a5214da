package dev.kosmirecorder.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the passwords that a JDBC URL may carry out of every message (SPEC §5: "no output, log or error message
 * ever prints it"). Drivers echo the URL they were given in their own exceptions (H2's "URL format error" quotes
 * it whole), so every text that reaches a user goes through {@link #mask} with the location's passwords.
 */
public final class JdbcUrls {
    /** What a password becomes in a message. */
    public static final String MASK = "****";
    // password=… as a query parameter (pgjdbc: ?a=b&password=…) or an H2 setting (;PASSWORD=…); also the H2 key
    // pair FILE_PASSWORD and any *password* spelling. The value runs to the next separator.
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([a-z_]*password=)([^&;\\s\"']*)");
    // user:password@host in a URL's authority (jdbc:postgresql://user:pw@host/db, also in plain URLs).
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s\"']+:)([^@/\\s\"']+)(@)");

    private JdbcUrls() {
    }

    /** The passwords written in {@code url}: {@code password=} parameters and {@code user:password@} forms. */
    public static List<String> passwords(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        Matcher m = PASSWORD_PARAM.matcher(url);
        while (m.find()) {
            if (!m.group(2).isEmpty()) {
                found.add(m.group(2));
            }
        }
        Matcher u = USER_INFO.matcher(url);
        while (u.find()) {
            found.add(u.group(2));
        }
        return found;
    }

    /** {@code text} with password parameters, user-info passwords and each of {@code secrets} replaced by {@link #MASK}. */
    public static String mask(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            // Very short secrets would mask ordinary words; those are still caught by the two patterns below.
            if (secret != null && secret.length() >= 3) {
                masked = masked.replace(secret, MASK);
            }
        }
        masked = PASSWORD_PARAM.matcher(masked).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "$3");
    }

    /** {@code text} with the password forms of a URL masked. */
    public static String mask(String text) {
        return mask(text, List.of());
    }
}
