package com.quotaledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.LedgerClient.Answer;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A day and a half of a ledger's life on the test clock, every id under one prefix: grants and every kind of
 * denial, shares to a person and under each exemption, object exports, a written limit permission and a revocation.
 */
public final class MixedWorkload {

    /** The ids the workload used, for tests to look them up. */
    public record Ids(String acme, String beta, String gamma, String person, Instant start) {
    }

    private MixedWorkload() {
    }

    public static Ids run(LedgerClient ledger, String prefix) {
        Ids ids = new Ids(prefix + "-acme", prefix + "-beta", prefix + "-gamma", prefix + "-p1", ledger.clockNow());
        Instant now = ids.start();
        ledger.registerWithAllTerms(ids.acme());
        ledger.registerWithAllTerms(ids.beta());
        expect(ledger.post("/api/v1/recipients", Requests.registration(ids.gamma())), 201);
        expect(ledger.post("/api/v1/recipients/" + ids.acme() + "/persons",
                "{\"personId\":\"" + ids.person() + "\"}"), 201);

        expect(ledger.share(personShare(prefix + "-r1", ids.acme(), ids.person(), 1_000_000,
                "model evaluation, \"phase\" 1")), 201);
        expect(ledger.share(Requests.share(prefix + "-r2", ids.acme(), 600_000)), 429);
        expect(ledger.share(Requests.share(prefix + "-r3", ids.gamma(), 10)), 422);
        expect(ledger.share(Requests.share(prefix + "-r4", ids.beta(), 2_000_000)), 422);
        expect(ledger.share(Requests.share(prefix + "-r5", ids.beta(), 1_300_000, 40, 2, "=SUM(A1)")), 201);
        expect(ledger.post("/api/v1/object-exports", export(prefix + "-e1", ids.person(), 300, 100,
                "MANUAL_DOWNLOAD")), 201);
        expect(ledger.post("/api/v1/object-exports", export(prefix + "-e2", ids.person(), 5, 0, "API")), 422);
        expect(ledger.post("/api/v1/object-exports", export(prefix + "-e3", ids.person(), 101, 0,
                "MANUAL_DOWNLOAD")), 429);

        String from = now.toString();
        String until = now.plus(Duration.ofDays(60)).toString();
        expect(ledger.post("/api/v1/recipients/" + ids.beta() + "/academic-approvals", """
                {"approvalId":"ACAD-1","institution":"University of Somewhere","purpose":"NON_COMMERCIAL_RESEARCH",\
                "approvedPostIds":5000000,"approvedUserIds":100000,"validFrom":"%s","validUntil":"%s",\
                "writtenApprovalReference":"X letter 1","grantedBy":"officer@ledger.example"}""".formatted(from, until)),
                201);
        expect(ledger.share(basisShare(prefix + "-r6", ids.beta(), 2_000_000, 5_000,
                "{\"type\":\"ACADEMIC_APPROVAL\",\"approvalId\":\"ACAD-1\"}")), 201);
        expect(ledger.post("/api/v1/recipients/" + ids.acme() + "/dsa-access", """
                {"accessId":"DSA-1","reference":"DSC decision 1","validFrom":"%s","validUntil":"%s",\
                "grantedBy":"officer@ledger.example"}""".formatted(from, until)), 201);
        expect(ledger.share(basisShare(prefix + "-r7", ids.acme(), 3_000_000, 0,
                "{\"type\":\"DSA_ARTICLE_40\",\"accessId\":\"DSA-1\"}")), 201);
        expect(ledger.send("DELETE", "/api/v1/recipients/" + ids.acme() + "/dsa-access/DSA-1"), 204);
        expect(ledger.post("/api/v1/recipients/" + ids.acme() + "/limit-permissions", """
                {"permissionId":"PERM-1","postIdLimit":2500000,"validFrom":"%s","validUntil":"%s",\
                "writtenPermissionReference":"X letter 2","grantedBy":"officer@ledger.example"}"""
                .formatted(from, until)), 201);

        ledger.advanceClock("P1D");
        expect(ledger.share(Requests.share(prefix + "-r8", ids.acme(), 1_200_000)), 201);
        expect(ledger.share(Requests.share(prefix + "-r9", ids.acme(), 400_000)), 429);
        expect(ledger.post("/api/v1/object-exports", export(prefix + "-e4", ids.person(), 101, 0,
                "MANUAL_DOWNLOAD")), 201);
        ledger.advanceClock("PT12H");
        return ids;
    }

    public static String personShare(String requestId, String recipientId, String personId, long postIds, String purpose) {
        ObjectNode body = (ObjectNode) json(Requests.share(requestId, recipientId, postIds, 0, 0, purpose));
        body.put("personId", personId);
        return body.toString();
    }

    public static String basisShare(String requestId, String recipientId, long postIds, long userIds, String basis) {
        ObjectNode body = (ObjectNode) json(Requests.share(requestId, recipientId, postIds, userIds, 0, null));
        body.set("basis", json(basis));
        return body.toString();
    }

    public static String export(String requestId, String personId, long postObjects, long userObjects, String channel) {
        return """
                {"requestId":"%s","personId":"%s","postObjectCount":%d,"userObjectCount":%d,"channel":"%s",\
                "format":"CSV","publicObjectsOnly":true}""".formatted(requestId, personId, postObjects, userObjects,
                channel);
    }

    /** Waits until the read models have projected every stored event and no replay is running. */
    public static void awaitReadModelsCaughtUp(LedgerClient ledger, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode processors = ledger.get("/api/v1/admin/projections").json().path("processors");
            assertThat(processors).as("one processor projects every read model").hasSize(1);
            for (JsonNode processor : processors) {
                assertThat(processor.path("replaying").asBoolean()).as("%s", processor).isFalse();
                assertThat(processor.path("lag").asLong()).as("%s", processor).isZero();
            }
        });
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        return answer;
    }

    private static JsonNode json(String text) {
        try {
            return LedgerClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
