package dev.kosmirecorder.core.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Immutable bytes of a frame or a body. Text is decoded on request and fails clearly when the bytes are not
 * UTF-8, so binary data is never silently mangled into text.
 */
public final class Payload {
    public static final Payload EMPTY = new Payload(new byte[0]);

    private final byte[] bytes;

    private Payload(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Payload of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Payload(bytes.clone());
    }

    public static Payload ofText(String text) {
        return text.isEmpty() ? EMPTY : new Payload(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Payload ofBase64(String base64) {
        return of(Base64.getDecoder().decode(base64));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The payload as UTF-8 text; throws {@link IllegalStateException} when the bytes are not valid UTF-8. */
    public String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("payload of " + bytes.length + " bytes is not UTF-8 text; use bytes() or base64()");
        }
    }

    public boolean isUtf8() {
        try {
            text();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        if (bytes.length <= 64 && isUtf8()) {
            return "Payload{" + text() + "}";
        }
        return "Payload{" + bytes.length + " bytes}";
    }
}
