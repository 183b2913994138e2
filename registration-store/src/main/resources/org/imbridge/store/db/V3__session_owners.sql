-- Several transport instances on one database, schema version 3: the live instances (each also holds
-- a session-level advisory lock on lock_key while its process runs, and says how many component
-- streams it holds) and which instance holds each
-- user's legacy session. Portable SQL: runs on H2 2.x (where only one instance runs) and PostgreSQL 12+.

CREATE TABLE transport_instance (
    name         VARCHAR(64) PRIMARY KEY,
    lock_key     BIGINT      NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    streams      INTEGER     DEFAULT 1 NOT NULL
);

CREATE TABLE session_owner (
    user_jid   VARCHAR(2047) NOT NULL,
    network    VARCHAR(32)   NOT NULL,
    instance   VARCHAR(64)   NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT session_owner_pk PRIMARY KEY (user_jid, network)
);

CREATE INDEX session_owner_instance_idx ON session_owner (instance);
