package com.quotaledger.exemption.api;

import java.util.List;

/** A recipient's exemptions as they stand, for its quota view. */
public record Exemptions(List<AcademicApproval> academicApprovals,
                         List<DsaAccess> dsaAccesses,
                         List<LimitPermission> limitPermissions) {
}
