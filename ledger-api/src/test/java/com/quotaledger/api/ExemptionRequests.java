package com.quotaledger.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.LedgerClient.Answer;

import java.time.Instant;

/** Exemption grants and shares under them as a client sends them, with only what a test cares about spelled out. */
public final class ExemptionRequests {

    private ExemptionRequests() {
    }

    public static String academicApproval(String approvalId, long approvedPostIds, long approvedUserIds, Instant validFrom,
                                   Instant validUntil) {
        return academicApproval(approvalId, approvedPostIds, approvedUserIds, validFrom.toString(),
                validUntil.toString());
    }

    public static String academicApproval(String approvalId, long approvedPostIds, long approvedUserIds, String validFrom,
                                   String validUntil) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("approvalId", approvalId);
        body.put("institution", "University of Somewhere");
        body.put("purpose", "NON_COMMERCIAL_RESEARCH");
        body.put("approvedPostIds", approvedPostIds);
        body.put("approvedUserIds", approvedUserIds);
        body.put("validFrom", validFrom);
        body.put("validUntil", validUntil);
        body.put("writtenApprovalReference", "X letter 2026-10-01");
        body.put("grantedBy", "officer@us.example");
        return body.toString();
    }

    public static String dsaAccess(String accessId, Instant validFrom, Instant validUntil) {
        return dsaAccess(accessId, validFrom.toString(), validUntil.toString());
    }

    public static String dsaAccess(String accessId, String validFrom, String validUntil) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("accessId", accessId);
        body.put("reference", "DSC decision 2026/113");
        body.put("validFrom", validFrom);
        body.put("validUntil", validUntil);
        body.put("grantedBy", "officer@us.example");
        return body.toString();
    }

    public static String limitPermission(String permissionId, long postIdLimit, Instant validFrom, Instant validUntil) {
        return limitPermission(permissionId, postIdLimit, validFrom.toString(), validUntil.toString());
    }

    public static String limitPermission(String permissionId, long postIdLimit, String validFrom, String validUntil) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("permissionId", permissionId);
        body.put("postIdLimit", postIdLimit);
        body.put("validFrom", validFrom);
        body.put("validUntil", validUntil);
        body.put("writtenPermissionReference", "X letter 2026-11-02");
        body.put("grantedBy", "officer@us.example");
        return body.toString();
    }

    public static Answer grant(LedgerClient ledger, String recipientId, String kindPath, String body) {
        return ledger.post("/api/v1/recipients/" + recipientId + "/" + kindPath, body);
    }

    public static Answer revoke(LedgerClient ledger, String recipientId, String kindPath, String exemptionId) {
        return ledger.send("DELETE", "/api/v1/recipients/" + recipientId + "/" + kindPath + "/" + exemptionId);
    }

    public static String shareUnderApproval(String requestId, String recipientId, long postIds, long userIds,
                                     long directMessageIds, String approvalId) {
        return withBasis(Requests.share(requestId, recipientId, postIds, userIds, directMessageIds, null),
                "ACADEMIC_APPROVAL", "approvalId", approvalId);
    }

    public static String shareUnderDsaAccess(String requestId, String recipientId, long postIds, String accessId) {
        return withBasis(Requests.share(requestId, recipientId, postIds), "DSA_ARTICLE_40", "accessId", accessId);
    }

    private static String withBasis(String share, String type, String idField, String id) {
        try {
            ObjectNode body = (ObjectNode) LedgerClient.JSON.readTree(share);
            ObjectNode basis = body.putObject("basis");
            basis.put("type", type);
            basis.put(idField, id);
            return body.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
