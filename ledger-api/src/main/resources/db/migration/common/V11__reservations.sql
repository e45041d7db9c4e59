-- Reservations. The decision log records their decisions (RESERVED, CONFIRMED, VOIDED, EXPIRED, DENIED), each with
-- the reservation it is about; an expiry answers no request, so it has no requestId. The reservation table is each
-- reservation as its events left it, for reports and for finding expiries still to be recorded.
ALTER TABLE decision_log ALTER COLUMN decision SET DATA TYPE VARCHAR(16);
ALTER TABLE decision_log ALTER COLUMN decision_id SET DATA TYPE VARCHAR(160);
ALTER TABLE decision_log ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE decision_log ADD COLUMN reservation_id VARCHAR(160);

CREATE TABLE reservation (
    reservation_id     VARCHAR(160)             NOT NULL,
    recipient_id       VARCHAR(64)              NOT NULL,
    request_id         VARCHAR(128)             NOT NULL,
    person_id          VARCHAR(128),
    basis              VARCHAR(32)              NOT NULL,
    basis_id           VARCHAR(64),
    post_ids           BIGINT                   NOT NULL,
    user_ids           BIGINT                   NOT NULL,
    direct_message_ids BIGINT                   NOT NULL,
    reserved_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    state              VARCHAR(16)              NOT NULL,
    closed_at          TIMESTAMP WITH TIME ZONE,
    share_id           VARCHAR(64),
    CONSTRAINT pk_reservation PRIMARY KEY (reservation_id)
);
CREATE INDEX ix_reservation_open ON reservation (state, expires_at);
CREATE INDEX ix_reservation_recipient ON reservation (recipient_id, state);
