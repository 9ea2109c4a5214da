package dev.kosmirecorder.core.diff;

/** The part of a capture a change is in; also the first segment of every change's path. */
public enum Section {
    OPERATIONS("operations"), MESSAGES("messages"), HANDSHAKE("handshake"), CONNECTION("connection"), HTTP("http");

    private final String wireName;

    Section(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
