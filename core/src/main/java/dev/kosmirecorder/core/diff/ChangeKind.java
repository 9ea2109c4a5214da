package dev.kosmirecorder.core.diff;

/** What happened to the thing at a change's path between capture A and capture B. */
public enum ChangeKind {
    ADDED("added"),
    REMOVED("removed"),
    RENAMED("renamed"),
    TYPE_CHANGED("type-changed"),
    BECAME_OPTIONAL("became-optional"),
    BECAME_REQUIRED("became-required"),
    VALUE_CHANGED("value-changed");

    private final String wireName;

    ChangeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
