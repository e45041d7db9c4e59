package com.quotaledger.exemption.api;

/** What X approved academic sharing for. */
public enum ResearchPurpose {
    NON_COMMERCIAL_RESEARCH,
    PEER_REVIEW,
    VALIDATION
}
