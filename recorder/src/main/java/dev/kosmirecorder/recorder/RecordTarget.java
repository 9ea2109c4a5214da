package dev.kosmirecorder.recorder;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** What {@code record} opens: {@code @room} means {@code https://app.kosmi.io/room/@room}; anything else is a URL. */
public record RecordTarget(String argument, String url) {
    public static final String KOSMI_ROOM_BASE = "https://app.kosmi.io/room/";
    private static final Pattern ROOM = Pattern.compile("@[A-Za-z0-9_.-]{1,100}");

    public static RecordTarget parse(String argument) {
        String a = argument == null ? "" : argument.strip();
        if (ROOM.matcher(a).matches()) {
            return new RecordTarget(a, KOSMI_ROOM_BASE + a);
        }
        try {
            URI uri = new URI(a);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return new RecordTarget(a, uri.toString());
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, with the shapes that are accepted
        }
        throw new IllegalArgumentException("'" + a + "' is neither a room (@NAME) nor an http(s) URL; write @myroom or https://app.kosmi.io/room/@myroom");
    }
}
