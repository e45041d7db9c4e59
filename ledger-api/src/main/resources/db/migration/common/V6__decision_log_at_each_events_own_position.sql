-- The decision log took an event's position from its tracking token, which tells the highest position read so far:
-- an event committed after events numbered above it got one of their positions, and where that position was taken
-- already the read models stopped. The read models are rebuilt from the first event, each row at its event's own
-- position.
DELETE FROM token_entry WHERE processor_name = 'read-models';
DELETE FROM decision_log;
DELETE FROM usage_daily;
DELETE FROM share_denials_daily;
DELETE FROM export_denials_daily;
DELETE FROM person_objects_daily;
DELETE FROM exemption_register;
DELETE FROM quota_window_share;
DELETE FROM quota_recipient;
