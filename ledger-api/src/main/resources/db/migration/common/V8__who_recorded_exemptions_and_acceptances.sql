-- Beside the free text an officer gives (grantedBy, acceptedBy), the authenticated caller that recorded each grant,
-- revocation and acceptance, from the events' actor. The read models are rebuilt from the first event to fill them.
ALTER TABLE exemption_register ADD COLUMN recorded_by VARCHAR(320);
ALTER TABLE exemption_register ADD COLUMN revoked_by VARCHAR(320);
ALTER TABLE terms_acceptance ADD COLUMN recorded_by VARCHAR(320);

DELETE FROM token_entry WHERE processor_name = 'read-models';
DELETE FROM decision_log;
DELETE FROM usage_daily;
DELETE FROM share_denials_daily;
DELETE FROM export_denials_daily;
DELETE FROM person_objects_daily;
DELETE FROM exemption_register;
DELETE FROM quota_window_share;
DELETE FROM quota_recipient;
DELETE FROM terms_acceptance;
