-- Earlier snapshots of each aggregate, at most one a day by the time of their last event, so that a quota as of a
-- past instant starts from the nearest one before it rather than from the first event. Axon's own table keeps only
-- the latest.
CREATE TABLE snapshot_history (
    aggregate_identifier VARCHAR(255)             NOT NULL,
    sequence_number      BIGINT                   NOT NULL,
    occurred_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    payload_type         VARCHAR(255)             NOT NULL,
    payload_revision     VARCHAR(255),
    payload              VARBINARY                NOT NULL,
    CONSTRAINT pk_snapshot_history PRIMARY KEY (aggregate_identifier, sequence_number)
);
CREATE INDEX ix_snapshot_history_time ON snapshot_history (aggregate_identifier, occurred_at);
