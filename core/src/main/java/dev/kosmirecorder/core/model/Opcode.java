package dev.kosmirecorder.core.model;

/** WebSocket data frame opcodes (RFC 6455); control frames are not reported by Chrome and not captured. */
public enum Opcode {
    TEXT(1, "text"), BINARY(2, "binary");

    private final int code;
    private final String wireName;

    Opcode(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    public static Opcode fromCode(int code) {
        for (Opcode o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        throw new IllegalArgumentException("unsupported opcode " + code + " (expected 1 for text or 2 for binary)");
    }

    public static Opcode fromWireName(String name) {
        for (Opcode o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown opcode '" + name + "' (expected text or binary)");
    }
}
