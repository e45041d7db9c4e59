package com.quotaledger.recipient.api;

/** What kind of organisation (or individual) a recipient entity is. */
public enum RecipientKind {
    COMPANY,
    ACADEMIC_INSTITUTION,
    NON_PROFIT,
    GOVERNMENT,
    INDIVIDUAL
}
