package dev.kosmirecorder.cli.probe;

/** The steps of a WebSocket handshake in order; an attempt reaches one and passes or stops there. */
public enum Phase {
    CONNECT("connect"), TLS("TLS"), UPGRADE("HTTP upgrade"), SUBPROTOCOL("subprotocol"), INIT("connection_init answer");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
