package com.quotaledger.recipient.api;

/** The kinds of identifiers that may be redistributed. */
public enum IdKind {
    POST,
    USER,
    DIRECT_MESSAGE
}
