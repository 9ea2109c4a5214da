-- Schema version 1 on PostgreSQL: the same tables, columns, keys and indexes as db/migration/V1__capture_schema.sql.
-- That script was written for H2 and is never edited (Flyway checksums it); only its binary types differ here:
-- PostgreSQL has no BLOB or VARBINARY(n), and its BYTEA holds both (up to 1 GB, stored out of line when large).
-- Headers and attributes are JSON text, as on H2.

CREATE TABLE capture_session (
    id              VARCHAR(40)      NOT NULL PRIMARY KEY,
    kind            VARCHAR(16)      NOT NULL,
    name            VARCHAR(1000)    NOT NULL,
    target          VARCHAR(4000)    NOT NULL,
    status          VARCHAR(16)      NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE,
    heartbeat_at    TIMESTAMP WITH TIME ZONE,
    frames_lost     BIGINT DEFAULT 0 NOT NULL,
    frame_count     BIGINT DEFAULT 0 NOT NULL,
    sent_count      BIGINT DEFAULT 0 NOT NULL,
    payload_bytes   BIGINT DEFAULT 0 NOT NULL,
    attributes      VARCHAR(100000)  NOT NULL
);
CREATE INDEX capture_session_started ON capture_session (started_at);
CREATE INDEX capture_session_status ON capture_session (status);

CREATE TABLE http_exchange (
    session_id       VARCHAR(40)    NOT NULL,
    id               INT            NOT NULL,
    request_id       VARCHAR(200)   NOT NULL,
    method           VARCHAR(20)    NOT NULL,
    url              VARCHAR(8000)  NOT NULL,
    request_headers  VARCHAR(200000) NOT NULL,
    request_body     BYTEA,
    status           INT            NOT NULL,
    response_headers VARCHAR(200000) NOT NULL,
    response_body    BYTEA,
    start_us         BIGINT         NOT NULL,
    end_us           BIGINT,
    error            VARCHAR(4000),
    PRIMARY KEY (session_id, id),
    CONSTRAINT http_exchange_session FOREIGN KEY (session_id) REFERENCES capture_session (id) ON DELETE CASCADE
);

CREATE TABLE ws_connection (
    session_id       VARCHAR(40)    NOT NULL,
    id               INT            NOT NULL,
    request_id       VARCHAR(200)   NOT NULL,
    url              VARCHAR(8000)  NOT NULL,
    request_headers  VARCHAR(200000) NOT NULL,
    status           INT            NOT NULL,
    status_text      VARCHAR(1000)  NOT NULL,
    response_headers VARCHAR(200000) NOT NULL,
    subprotocol      VARCHAR(200)   NOT NULL,
    response_body    BYTEA,
    opened_us        BIGINT         NOT NULL,
    closed_us        BIGINT,
    close_code       INT,
    close_reason     VARCHAR(1000),
    rejected         BOOLEAN        NOT NULL,
    error            VARCHAR(4000),
    PRIMARY KEY (session_id, id),
    CONSTRAINT ws_connection_session FOREIGN KEY (session_id) REFERENCES capture_session (id) ON DELETE CASCADE
);

-- A frame's payload is in payload_text (text up to 1 MiB characters, searchable), payload_bin (binary up to
-- 1 MiB) or payload_lob (anything larger); opcode says which kind it is.
CREATE TABLE frame (
    session_id      VARCHAR(40)     NOT NULL,
    seq             BIGINT          NOT NULL,
    connection_id   INT             NOT NULL,
    direction       VARCHAR(8)      NOT NULL,
    opcode          SMALLINT        NOT NULL,
    time_us         BIGINT          NOT NULL,
    payload_size    INT             NOT NULL,
    payload_text    VARCHAR(1048576),
    payload_bin     BYTEA,
    payload_lob     BYTEA,
    msg_type        VARCHAR(200),
    msg_id          VARCHAR(200),
    operation       VARCHAR(200),
    PRIMARY KEY (session_id, seq),
    CONSTRAINT frame_session FOREIGN KEY (session_id) REFERENCES capture_session (id) ON DELETE CASCADE
);
CREATE INDEX frame_by_connection ON frame (session_id, connection_id, seq);
CREATE INDEX frame_by_direction ON frame (session_id, direction, seq);
CREATE INDEX frame_by_type ON frame (session_id, msg_type, seq);
CREATE INDEX frame_by_operation ON frame (session_id, operation, seq);
