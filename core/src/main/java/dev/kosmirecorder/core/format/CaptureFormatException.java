package dev.kosmirecorder.core.format;

/**
 * The one exception the fixture and HAR readers throw for bad input. Its message names the file, the place (a
 * JSON pointer) and what was expected there.
 */
public class CaptureFormatException extends Exception {
    private final String source;
    private final String pointer;

    public CaptureFormatException(String source, String pointer, String problem) {
        this(source, pointer, problem, null);
    }

    public CaptureFormatException(String source, String pointer, String problem, Throwable cause) {
        super(source + (pointer == null || pointer.isEmpty() ? "" : " at " + pointer) + ": " + problem, cause);
        this.source = source;
        this.pointer = pointer == null ? "" : pointer;
    }

    /** The file (or other source) that was being read. */
    public String source() {
        return source;
    }

    /** The JSON pointer of the offending value; empty when the problem is the document as a whole. */
    public String pointer() {
        return pointer;
    }
}
