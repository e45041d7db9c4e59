package com.quotaledger.exemption.api;

import java.time.Instant;

/**
 * X's written approval to share Post and User IDs for academic research, up to a total budget (not a rolling
 * window), and how much of it has been used.
 */
public record AcademicApproval(String approvalId,
                               String institution,
                               ResearchPurpose purpose,
                               long approvedPostIds,
                               long approvedUserIds,
                               long usedPostIds,
                               long usedUserIds,
                               Validity validity,
                               Grant grant) {

    public AcademicApproval {
        if (approvedPostIds < 0 || approvedUserIds < 0 || usedPostIds < 0 || usedUserIds < 0
                || usedPostIds > approvedPostIds || usedUserIds > approvedUserIds) {
            throw new IllegalStateException("inconsistent academic approval " + approvalId + ": approved "
                    + approvedPostIds + "/" + approvedUserIds + ", used " + usedPostIds + "/" + usedUserIds);
        }
    }

    public long remainingPostIds() {
        return approvedPostIds - usedPostIds;
    }

    public long remainingUserIds() {
        return approvedUserIds - usedUserIds;
    }

    public boolean covers(long postIds, long userIds) {
        return postIds <= remainingPostIds() && userIds <= remainingUserIds();
    }

    public AcademicApproval afterUsing(long postIds, long userIds) {
        return new AcademicApproval(approvalId, institution, purpose, approvedPostIds, approvedUserIds,
                Math.addExact(usedPostIds, postIds), Math.addExact(usedUserIds, userIds), validity, grant);
    }

    public AcademicApproval revokedAt(Instant instant) {
        return new AcademicApproval(approvalId, institution, purpose, approvedPostIds, approvedUserIds,
                usedPostIds, usedUserIds, validity.revokedAt(instant), grant);
    }
}
