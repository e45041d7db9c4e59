package com.quotaledger.decision;

import java.time.Instant;

/** Every fact the ledger records happened at an instant of the ledger's clock. */
public interface LedgerEvent {

    /** When it happened, on the ledger's clock (not the storage's). */
    Instant occurredAt();
}
