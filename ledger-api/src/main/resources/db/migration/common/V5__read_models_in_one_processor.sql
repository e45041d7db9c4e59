-- The decision log and the reports are projected by one processor, 'read-models', which rebuilds them all from the
-- first event on its first start: the positions of the two processors that projected them before are forgotten, and
-- so is what those wrote.
DELETE FROM token_entry WHERE processor_name IN ('decision-log', 'reports');
DELETE FROM decision_log;
DELETE FROM usage_daily;
DELETE FROM share_denials_daily;
DELETE FROM export_denials_daily;
DELETE FROM person_objects_daily;
DELETE FROM exemption_register;
DELETE FROM quota_window_share;
DELETE FROM quota_recipient;

-- The shares in the window are found by recipient and time, never by their event: the processor's token already makes
-- each event projected once, and a key the rows never need is one more tree every batch writes.
ALTER TABLE quota_window_share DROP CONSTRAINT pk_quota_window_share;
