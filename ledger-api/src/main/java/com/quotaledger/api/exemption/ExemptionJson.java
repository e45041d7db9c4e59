package com.quotaledger.api.exemption;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.exemption.api.ResearchPurpose;
import com.quotaledger.exemption.api.Validity;

import java.time.Instant;

/** The public forms of exemptions, with their validity at a given instant. */
public final class ExemptionJson {

    private ExemptionJson() {
    }

    public record AcademicApprovalJson(String approvalId,
                                       String institution,
                                       ResearchPurpose purpose,
                                       long approvedPostIds,
                                       long approvedUserIds,
                                       long usedPostIds,
                                       long usedUserIds,
                                       long remainingPostIds,
                                       long remainingUserIds,
                                       Instant validFrom,
                                       Instant validUntil,
                                       Instant revokedAt,
                                       boolean validNow,
                                       String writtenApprovalReference,
                                       String grantedBy,
                                       Instant grantedAt) {

        public static AcademicApprovalJson of(AcademicApproval approval, Instant now) {
            Validity validity = approval.validity();
            return new AcademicApprovalJson(approval.approvalId(), approval.institution(), approval.purpose(),
                    approval.approvedPostIds(), approval.approvedUserIds(), approval.usedPostIds(),
                    approval.usedUserIds(), approval.remainingPostIds(), approval.remainingUserIds(),
                    validity.validFrom(), validity.validUntil(), validity.revokedAt(), validity.holdsAt(now),
                    approval.grant().writtenReference(), approval.grant().grantedBy(), approval.grant().grantedAt());
        }
    }

    public record DsaAccessJson(String accessId,
                                String reference,
                                Instant validFrom,
                                Instant validUntil,
                                Instant revokedAt,
                                boolean validNow,
                                String grantedBy,
                                Instant grantedAt) {

        public static DsaAccessJson of(DsaAccess access, Instant now) {
            Validity validity = access.validity();
            return new DsaAccessJson(access.accessId(), access.grant().writtenReference(), validity.validFrom(),
                    validity.validUntil(), validity.revokedAt(), validity.holdsAt(now), access.grant().grantedBy(),
                    access.grant().grantedAt());
        }
    }

    public record LimitPermissionJson(String permissionId,
                                      long postIdLimit,
                                      Instant validFrom,
                                      Instant validUntil,
                                      Instant revokedAt,
                                      boolean validNow,
                                      String writtenPermissionReference,
                                      String grantedBy,
                                      Instant grantedAt) {

        public static LimitPermissionJson of(LimitPermission permission, Instant now) {
            Validity validity = permission.validity();
            return new LimitPermissionJson(permission.permissionId(), permission.postIdLimit(),
                    validity.validFrom(), validity.validUntil(), validity.revokedAt(), validity.holdsAt(now),
                    permission.grant().writtenReference(), permission.grant().grantedBy(),
                    permission.grant().grantedAt());
        }
    }
}
