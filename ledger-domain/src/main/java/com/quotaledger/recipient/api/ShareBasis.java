package com.quotaledger.recipient.api;

import com.quotaledger.ids.ExemptionIds;

import java.util.Objects;

/** The basis a share is decided under, naming the approval or access it draws on. */
public record ShareBasis(BasisType type, String approvalId, String accessId) {

    public static final ShareBasis STANDARD = new ShareBasis(BasisType.STANDARD, null, null);

    public ShareBasis {
        Objects.requireNonNull(type, "type");
        switch (type) {
            case STANDARD -> {
                if (approvalId != null || accessId != null) {
                    throw new IllegalArgumentException("a STANDARD basis names no approval or access");
                }
            }
            case ACADEMIC_APPROVAL -> {
                ExemptionIds.requireValid(approvalId, "approvalId");
                if (accessId != null) {
                    throw new IllegalArgumentException("an ACADEMIC_APPROVAL basis names an approvalId only");
                }
            }
            case DSA_ARTICLE_40 -> {
                ExemptionIds.requireValid(accessId, "accessId");
                if (approvalId != null) {
                    throw new IllegalArgumentException("a DSA_ARTICLE_40 basis names an accessId only");
                }
            }
        }
    }

    public static ShareBasis academicApproval(String approvalId) {
        return new ShareBasis(BasisType.ACADEMIC_APPROVAL, approvalId, null);
    }

    public static ShareBasis dsaAccess(String accessId) {
        return new ShareBasis(BasisType.DSA_ARTICLE_40, null, accessId);
    }
}
