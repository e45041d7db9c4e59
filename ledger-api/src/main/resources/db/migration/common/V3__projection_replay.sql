-- A replay of the read models asked of one node, which every other node follows: while it is RESETTING, the others
-- stop projecting, so that the asking node can claim and reset every segment; once it is IDLE again, they resume.
CREATE TABLE projection_replay (
    id           INTEGER                  NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    requested_by VARCHAR(255),
    requested_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_projection_replay PRIMARY KEY (id)
);

INSERT INTO projection_replay (id, state) VALUES (1, 'IDLE');
