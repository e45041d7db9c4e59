-- The hash of the administrator token the ledger creates on its first start when no API tokens are configured;
-- the token itself is never stored.
CREATE TABLE initial_admin_token (
    id         INTEGER                  NOT NULL,
    sha256     CHAR(64)                 NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_initial_admin_token PRIMARY KEY (id)
);
