package dev.kosmirecorder.core.model;

/** Which way a frame went: {@code SENT} by the client, {@code RECEIVED} from the server. */
public enum Direction {
    SENT("sent"), RECEIVED("received");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Direction fromWireName(String name) {
        for (Direction d : values()) {
            if (d.wireName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + name + "' (expected sent or received)");
    }
}
