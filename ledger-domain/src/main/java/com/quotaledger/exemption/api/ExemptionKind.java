package com.quotaledger.exemption.api;

/** The three ways past the default rules, each granted in writing and revocable. */
public enum ExemptionKind {
    ACADEMIC_APPROVAL,
    DSA_ARTICLE_40,
    LIMIT_PERMISSION
}
