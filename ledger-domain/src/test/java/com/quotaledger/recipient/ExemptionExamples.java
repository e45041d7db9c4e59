package com.quotaledger.recipient;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.AcademicApprovalGrantedEvent;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.DsaAccessGrantedEvent;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.ExemptionRevokedEvent;
import com.quotaledger.exemption.api.Grant;
import com.quotaledger.exemption.api.GrantAcademicApprovalCommand;
import com.quotaledger.exemption.api.GrantDsaAccessCommand;
import com.quotaledger.exemption.api.GrantLimitPermissionCommand;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.exemption.api.LimitPermissionGrantedEvent;
import com.quotaledger.exemption.api.ResearchPurpose;
import com.quotaledger.exemption.api.RevokeExemptionCommand;
import com.quotaledger.exemption.api.Validity;

import java.time.Instant;

import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;

/**
 * The exemptions of {@link RecipientExamples}' recipient, as commands that grant them and as the values the ledger
 * records, with every detail that does not matter fixed.
 */
final class ExemptionExamples {

    static final String APPROVAL_ID = "x-academic/2025-017";
    static final String ACCESS_ID = "dsa-40:4711";
    static final String PERMISSION_ID = "x-limit-2025-003";
    static final String INSTITUTION = "University of Examples";
    static final ResearchPurpose RESEARCH = ResearchPurpose.NON_COMMERCIAL_RESEARCH;
    static final String REFERENCE = "letter of 2025-02-14";
    static final String GRANTED_BY = "compliance@ledger.example";

    private ExemptionExamples() {
    }

    static GrantAcademicApprovalCommand grantApproval(long postIds, long userIds, Instant validFrom,
                                                      Instant validUntil) {
        return new GrantAcademicApprovalCommand(RECIPIENT_ID, APPROVAL_ID, INSTITUTION, RESEARCH, postIds, userIds,
                validFrom, validUntil, REFERENCE, GRANTED_BY);
    }

    static GrantDsaAccessCommand grantAccess(Instant validFrom, Instant validUntil) {
        return new GrantDsaAccessCommand(RECIPIENT_ID, ACCESS_ID, REFERENCE, validFrom, validUntil, GRANTED_BY);
    }

    static GrantLimitPermissionCommand grantPermission(String permissionId, long postIdLimit, Instant validFrom,
                                                       Instant validUntil) {
        return new GrantLimitPermissionCommand(RECIPIENT_ID, permissionId, postIdLimit, validFrom, validUntil,
                REFERENCE, GRANTED_BY);
    }

    static RevokeExemptionCommand revoke(ExemptionKind kind, String exemptionId) {
        return new RevokeExemptionCommand(RECIPIENT_ID, kind, exemptionId);
    }

    /** The approval {@link #grantApproval} records when granted at {@code grantedAt}, nothing used yet. */
    static AcademicApproval approval(long postIds, long userIds, Instant validFrom, Instant validUntil,
                                     Instant grantedAt) {
        return new AcademicApproval(APPROVAL_ID, INSTITUTION, RESEARCH, postIds, userIds, 0, 0,
                Validity.between(validFrom, validUntil), new Grant(REFERENCE, GRANTED_BY, grantedAt));
    }

    static DsaAccess access(Instant validFrom, Instant validUntil, Instant grantedAt) {
        return new DsaAccess(ACCESS_ID, Validity.between(validFrom, validUntil),
                new Grant(REFERENCE, GRANTED_BY, grantedAt));
    }

    static LimitPermission permission(String permissionId, long postIdLimit, Instant validFrom, Instant validUntil,
                                      Instant grantedAt) {
        return new LimitPermission(permissionId, postIdLimit, Validity.between(validFrom, validUntil),
                new Grant(REFERENCE, GRANTED_BY, grantedAt));
    }

    static AcademicApprovalGrantedEvent approvalGranted(AcademicApproval approval) {
        return new AcademicApprovalGrantedEvent(RECIPIENT_ID, approval);
    }

    static DsaAccessGrantedEvent accessGranted(DsaAccess access) {
        return new DsaAccessGrantedEvent(RECIPIENT_ID, access);
    }

    static LimitPermissionGrantedEvent permissionGranted(LimitPermission permission) {
        return new LimitPermissionGrantedEvent(RECIPIENT_ID, permission);
    }

    static ExemptionRevokedEvent revoked(ExemptionKind kind, String exemptionId, Instant at) {
        return new ExemptionRevokedEvent(RECIPIENT_ID, kind, exemptionId, at);
    }
}
