package com.quotaledger.recipient.api;

/** Under which rule a share is decided. */
public enum BasisType {
    /** The default: the rolling limit. */
    STANDARD,
    /** X's written approval for academic research: a total budget instead of the rolling limit. */
    ACADEMIC_APPROVAL,
    /** Access under Art. 40 of the EU DSA: outside the redistribution section's limits. */
    DSA_ARTICLE_40
}
