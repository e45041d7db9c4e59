-- Read models, fed by streaming event processors whose tokens live in token_entry, in the same transaction.

-- Every decision, granted or denied: shares and object exports.
CREATE TABLE decision_log (
    event_identifier     VARCHAR(255)             NOT NULL,
    event_position       BIGINT                   NOT NULL,
    aggregate_identifier VARCHAR(255)             NOT NULL,
    sequence_number      BIGINT                   NOT NULL,
    decision_type        VARCHAR(16)              NOT NULL,
    decision             VARCHAR(8)               NOT NULL,
    decision_id          VARCHAR(64),
    request_id           VARCHAR(128)             NOT NULL,
    recipient_id         VARCHAR(64),
    person_id            VARCHAR(128),
    decided_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    post_ids             BIGINT                   NOT NULL,
    user_ids             BIGINT                   NOT NULL,
    direct_message_ids   BIGINT                   NOT NULL,
    post_objects         BIGINT                   NOT NULL,
    user_objects         BIGINT                   NOT NULL,
    basis                VARCHAR(32),
    basis_id             VARCHAR(64),
    reason               VARCHAR(64),
    quota_limit          BIGINT,
    quota_used           BIGINT,
    quota_remaining      BIGINT,
    limit_source         VARCHAR(64),
    objects_limit        BIGINT,
    objects_used         BIGINT,
    channel              VARCHAR(32),
    export_format        VARCHAR(16),
    purpose              VARCHAR(1000),
    actor                VARCHAR(320),
    CONSTRAINT pk_decision_log PRIMARY KEY (event_identifier)
);
CREATE INDEX ix_decision_log_decided_at ON decision_log (decided_at, event_position);
CREATE INDEX ix_decision_log_recipient ON decision_log (recipient_id, decided_at, event_position);
CREATE INDEX ix_decision_log_person ON decision_log (person_id, decided_at, event_position);

-- IDs granted per recipient, day and basis; objects per person and day; denials by reason. Each table is keyed by
-- the aggregate whose events write it (recipient or person), so that segments never write the same row.
CREATE TABLE usage_daily (
    recipient_id       VARCHAR(64) NOT NULL,
    usage_day          DATE        NOT NULL,
    basis              VARCHAR(32) NOT NULL,
    post_ids           BIGINT      NOT NULL,
    user_ids           BIGINT      NOT NULL,
    direct_message_ids BIGINT      NOT NULL,
    shares             BIGINT      NOT NULL,
    CONSTRAINT pk_usage_daily PRIMARY KEY (recipient_id, usage_day, basis)
);

CREATE TABLE share_denials_daily (
    recipient_id VARCHAR(64) NOT NULL,
    usage_day    DATE        NOT NULL,
    reason       VARCHAR(64) NOT NULL,
    denials      BIGINT      NOT NULL,
    CONSTRAINT pk_share_denials_daily PRIMARY KEY (recipient_id, usage_day, reason)
);

CREATE TABLE export_denials_daily (
    person_id    VARCHAR(128) NOT NULL,
    usage_day    DATE         NOT NULL,
    recipient_id VARCHAR(64)  NOT NULL,
    reason       VARCHAR(64)  NOT NULL,
    denials      BIGINT       NOT NULL,
    CONSTRAINT pk_export_denials_daily PRIMARY KEY (person_id, usage_day, recipient_id, reason)
);
CREATE INDEX ix_export_denials_daily_recipient ON export_denials_daily (recipient_id, usage_day);

CREATE TABLE person_objects_daily (
    person_id    VARCHAR(128) NOT NULL,
    usage_day    DATE         NOT NULL,
    recipient_id VARCHAR(64)  NOT NULL,
    post_objects BIGINT       NOT NULL,
    user_objects BIGINT       NOT NULL,
    exports      BIGINT       NOT NULL,
    CONSTRAINT pk_person_objects_daily PRIMARY KEY (person_id, usage_day, recipient_id)
);
CREATE INDEX ix_person_objects_daily_recipient ON person_objects_daily (recipient_id, usage_day);

-- Every academic approval, DSA access and limit permission, with what was shared under it.
CREATE TABLE exemption_register (
    recipient_id       VARCHAR(64)              NOT NULL,
    kind               VARCHAR(32)              NOT NULL,
    exemption_id       VARCHAR(64)              NOT NULL,
    reference          VARCHAR(500)             NOT NULL,
    granted_by         VARCHAR(320)             NOT NULL,
    granted_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_from         TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until        TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at         TIMESTAMP WITH TIME ZONE,
    institution        VARCHAR(200),
    purpose            VARCHAR(32),
    approved_post_ids  BIGINT,
    approved_user_ids  BIGINT,
    post_id_limit      BIGINT,
    used_post_ids      BIGINT                   NOT NULL,
    used_user_ids      BIGINT                   NOT NULL,
    used_direct_message_ids BIGINT              NOT NULL,
    shares_granted     BIGINT                   NOT NULL,
    CONSTRAINT pk_exemption_register PRIMARY KEY (recipient_id, kind, exemption_id)
);

-- The standard shares still inside some recipient's rolling window, and every recipient: the quota as a read model.
CREATE TABLE quota_recipient (
    recipient_id  VARCHAR(64)              NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_quota_recipient PRIMARY KEY (recipient_id)
);

CREATE TABLE quota_window_share (
    recipient_id       VARCHAR(64)              NOT NULL,
    event_identifier   VARCHAR(255)             NOT NULL,
    granted_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    post_ids           BIGINT                   NOT NULL,
    user_ids           BIGINT                   NOT NULL,
    direct_message_ids BIGINT                   NOT NULL,
    CONSTRAINT pk_quota_window_share PRIMARY KEY (recipient_id, event_identifier)
);
CREATE INDEX ix_quota_window_share_granted_at ON quota_window_share (recipient_id, granted_at);
