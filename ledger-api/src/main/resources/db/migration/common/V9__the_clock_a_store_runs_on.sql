-- Which clock the store runs on, recorded at its first start: the system clock or the test clock. A store kept on the
-- test clock holds decisions at instants that never were, so starting it on the other clock is refused. A store whose
-- test clock was ever advanced ran on the test clock.
CREATE TABLE store_clock (
    id          INTEGER                  NOT NULL,
    kind        VARCHAR(16)              NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_store_clock PRIMARY KEY (id)
);
INSERT INTO store_clock (id, kind, recorded_at) SELECT 1, 'TEST', CURRENT_TIMESTAMP FROM test_clock WHERE id = 1;
