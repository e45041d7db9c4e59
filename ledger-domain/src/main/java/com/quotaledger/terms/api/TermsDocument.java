package com.quotaledger.terms.api;

import java.util.EnumSet;
import java.util.Set;

/** The four documents a third party must agree to before it receives any X Content. */
public enum TermsDocument {
    TERMS_OF_SERVICE,
    PRIVACY_POLICY,
    DEVELOPER_AGREEMENT,
    DEVELOPER_POLICY;

    public static Set<TermsDocument> allRequired() {
        return EnumSet.allOf(TermsDocument.class);
    }
}
