-- The versions of the terms documents each recipient and person accepted last, for the report of who must accept a
-- revision. The read models are rebuilt from the first event, so that acceptances recorded before are in it.
CREATE TABLE terms_acceptance (
    party_kind  VARCHAR(16)              NOT NULL,
    party_id    VARCHAR(128)             NOT NULL,
    document    VARCHAR(32)              NOT NULL,
    version     VARCHAR(64)              NOT NULL,
    accepted_by VARCHAR(320)             NOT NULL,
    accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_terms_acceptance PRIMARY KEY (party_kind, party_id, document)
);
CREATE INDEX ix_terms_acceptance_document ON terms_acceptance (document, version);

DELETE FROM token_entry WHERE processor_name = 'read-models';
DELETE FROM decision_log;
DELETE FROM usage_daily;
DELETE FROM share_denials_daily;
DELETE FROM export_denials_daily;
DELETE FROM person_objects_daily;
DELETE FROM exemption_register;
DELETE FROM quota_window_share;
DELETE FROM quota_recipient;
