package com.quotaledger.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies as a client sends them, with only what a test cares about spelled out. */
public final class Requests {

    private Requests() {
    }

    public static String registration(String recipientId) {
        return registration(recipientId, "Entity " + recipientId, "COMPANY");
    }

    public static String registration(String recipientId, String name, String kind) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("recipientId", recipientId);
        body.put("name", name);
        body.put("kind", kind);
        return body.toString();
    }

    public static String allTerms() {
        return """
                {"acceptedBy":"jane@acme.example","documents":{"TERMS_OF_SERVICE":"2025-09","PRIVACY_POLICY":"2025-09",\
                "DEVELOPER_AGREEMENT":"2025-10","DEVELOPER_POLICY":"2025-10"}}""";
    }

    public static String share(String requestId, String recipientId, long postIdCount) {
        return share(requestId, recipientId, postIdCount, 0, 0, null);
    }

    public static String share(String requestId, String recipientId, long postIdCount, long userIdCount,
                        long directMessageIdCount, String purpose) {
        return shareBody(requestId, recipientId, postIdCount, userIdCount, directMessageIdCount, purpose).toString();
    }

    /** A reservation of the share of {@code postIdCount} Post IDs, for {@code holdFor} (ISO-8601). */
    public static String reservation(String requestId, String recipientId, long postIdCount, String holdFor) {
        return shareBody(requestId, recipientId, postIdCount, 0, 0, null).put("holdFor", holdFor).toString();
    }

    private static ObjectNode shareBody(String requestId, String recipientId, long postIdCount, long userIdCount,
                                        long directMessageIdCount, String purpose) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("requestId", requestId);
        body.put("recipientId", recipientId);
        body.put("postIdCount", postIdCount);
        body.put("userIdCount", userIdCount);
        body.put("directMessageIdCount", directMessageIdCount);
        if (purpose != null) {
            body.put("purpose", purpose);
        }
        return body;
    }
}
