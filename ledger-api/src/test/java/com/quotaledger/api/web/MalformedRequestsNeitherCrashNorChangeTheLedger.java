package com.quotaledger.api.web;

import com.quotaledger.api.ExemptionRequests;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.PersonRequests;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand and more generated requests that a careful client would never send, to every endpoint that reads a
 * request: broken JSON, wrong types, numbers too large for any field, negative counts, unicode and overlong ids,
 * missing and extra fields, wrong methods and content types, oversized bodies, and garbage in paths and queries.
 * Every one is answered with a 4xx problem that gives its reason and nothing of the ledger's internals, and afterwards
 * the event store, the request log and the test clock are exactly as they were.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsNeitherCrashNorChangeTheLedger {

    private static final int REQUESTS = 10_500;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a field holds, so that a mutation can pick a value that is wrong for it. */
    enum Kind { ID, TEXT, COUNT, ENUM, INSTANT, OBJECT, FLAG }

    /** An endpoint that reads a JSON body: a valid body, and which of its fields must be there. */
    record BodyEndpoint(String path, String validBody, Map<String, Kind> fields, List<String> required) {
    }

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;
    List<BodyEndpoint> bodyEndpoints;
    List<String> readEndpoints;
    List<String> deleteEndpoints;
    List<String> inputlessEndpoints;

    @BeforeAll
    void prepare() {
        ledger.registerWithAllTerms("fuzz");
        assertThat(ledger.post("/api/v1/recipients/fuzz/persons", PersonRequests.affiliation("fuzz-person"))
                .status()).isEqualTo(201);
        Instant now = Instant.now();
        Answer reserved = ledger.post("/api/v1/reservations", Requests.reservation("fz-held", "fuzz", 10, "PT24H"));
        assertThat(reserved.status()).as("%s", reserved).isEqualTo(201);
        String reservation = "/api/v1/reservations/" + reserved.json().path("reservationId").asText();
        bodyEndpoints = List.of(
                endpoint("/api/v1/shares", Requests.share("fz-share", "fuzz", 10, 0, 0, "evaluation"),
                        "requestId", "recipientId", "postIdCount", "userIdCount", "directMessageIdCount"),
                endpoint("/api/v1/reservations", Requests.reservation("fz-reserve", "fuzz", 10, "PT1H"),
                        "requestId", "recipientId", "postIdCount", "userIdCount", "directMessageIdCount", "holdFor"),
                endpoint(reservation + "/confirm", "{\"requestId\":\"fz-confirm\",\"postIdCount\":5,"
                        + "\"userIdCount\":0,\"directMessageIdCount\":0}", "requestId"),
                endpoint(reservation + "/void", "{\"requestId\":\"fz-void\"}", "requestId"),
                endpoint("/api/v1/object-exports", PersonRequests.export("fz-export", "fuzz-person", 5, 0),
                        "requestId", "personId", "postObjectCount", "userObjectCount", "channel", "format",
                        "publicObjectsOnly"),
                endpoint("/api/v1/recipients", Requests.registration("fz-new"), "recipientId", "name", "kind"),
                endpoint("/api/v1/persons", PersonRequests.affiliation("fz-walk-in"), "personId"),
                endpoint("/api/v1/recipients/fuzz/terms-acceptances", Requests.allTerms(),
                        "acceptedBy", "documents"),
                endpoint("/api/v1/persons/fuzz-person/terms-acceptances", Requests.allTerms(),
                        "acceptedBy", "documents"),
                endpoint("/api/v1/recipients/fuzz/persons", PersonRequests.affiliation("fz-person"), "personId"),
                endpoint("/api/v1/recipients/fuzz/academic-approvals", ExemptionRequests.academicApproval(
                        "fz-approval", 1000, 0, now, now.plusSeconds(86_400)),
                        "approvalId", "institution", "approvedPostIds", "approvedUserIds", "validFrom",
                        "validUntil", "writtenApprovalReference", "grantedBy"),
                endpoint("/api/v1/recipients/fuzz/dsa-access", ExemptionRequests.dsaAccess("fz-dsa", now,
                        now.plusSeconds(86_400)), "accessId", "validFrom", "validUntil"),
                endpoint("/api/v1/recipients/fuzz/limit-permissions", ExemptionRequests.limitPermission(
                        "fz-permission", 2_000_000, now, now.plusSeconds(86_400)),
                        "permissionId", "postIdLimit", "validFrom", "validUntil"),
                endpoint("/api/v1/test-clock/advance", "{\"duration\":\"PT1H\"}", "duration"));
        readEndpoints = List.of("/api/v1/recipients/%s", "/api/v1/recipients/%s/quota", "/api/v1/persons/%s",
                "/api/v1/reservations/%s",
                "/api/v1/audit/recipients/%s/history", "/api/v1/audit/recipients/%s/verify",
                "/api/v1/audit/persons/%s/history", "/api/v1/audit/persons/%s/verify");
        deleteEndpoints = List.of("/api/v1/recipients/fuzz/persons/%s", "/api/v1/recipients/fuzz/academic-approvals/%s",
                "/api/v1/recipients/fuzz/dsa-access/%s", "/api/v1/recipients/fuzz/limit-permissions/%s",
                "/api/v1/recipients/%s/persons/fuzz-person", "/api/v1/terms/versions/DEVELOPER_POLICY/%s");
        inputlessEndpoints = List.of("/api/v1/admin/projections", "/api/v1/admin/reconcile",
                "/api/v1/admin/projections/replay", "/api/v1/test-clock", "/api/v1/audit/decisions",
                "/api/v1/reports/usage", "/api/v1/reports/near-limit", "/api/v1/reports/exemptions",
                "/api/v1/reports/terms-to-accept-again", "/api/v1/terms/versions", "/api/v1/me");
    }

    @Test
    void noMalformedRequestGetsPastA4xxOrLeavesATrace() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Long> before = storeCounts();
        String clockBefore = ledger.get("/api/v1/test-clock").body();
        Map<String, Integer> statuses = new TreeMap<>();

        for (int i = 0; i < REQUESTS; i++) {
            Malformed request = generate(random, i);
            Answer answer = request.send().apply(ledger);
            statuses.merge(answer.status() + " " + request.mutation(), 1, Integer::sum);
            assertThat(answer.status()).as("seed %d, request %d (%s): %s", seed, i, request, answer)
                    .isBetween(400, 499);
            assertThat(answer.contentType()).as("seed %d, request %d (%s)", seed, i, request)
                    .startsWith("application/problem+json");
            assertThat(answer.json().path("reason").asText()).as("seed %d, request %d (%s)", seed, i, request)
                    .matches("[A-Z_]+");
        }

        assertThat(storeCounts()).as("seed %d; answers %s", seed, statuses).isEqualTo(before);
        assertThat(ledger.get("/api/v1/test-clock").body()).as("seed %d", seed).isEqualTo(clockBefore);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        String oversized = Requests.share("fz-big", "fuzz", 10, 0, 0, "p".repeat(70_000));
        JsonNode declared = assertProblem(ledger.post("/api/v1/shares", oversized), 413, "BODY_TOO_LARGE");
        assertThat(declared.path("maxBytes").asLong()).isEqualTo(64 * 1024);
        assertProblem(ledger.raw("POST", "/api/v1/shares", "application/json",
                oversized.getBytes(StandardCharsets.UTF_8), true), 413, "BODY_TOO_LARGE");
    }

    /** One generated request: what was done to it, and how to send it. */
    record Malformed(String mutation, String target, Function<LedgerClient, Answer> send) {
        @Override
        public String toString() {
            return mutation + " " + target;
        }
    }

    private Malformed generate(Random random, int i) {
        if (random.nextInt(5) == 0) {
            return garbledRead(random);
        }
        BodyEndpoint endpoint = bodyEndpoints.get(random.nextInt(bodyEndpoints.size()));
        String path = endpoint.path();
        ObjectNode body = (ObjectNode) read(endpoint.validBody());
        List<String> fields = new ArrayList<>(endpoint.fields().keySet());
        String field = fields.get(random.nextInt(fields.size()));
        Kind kind = endpoint.fields().get(field);
        return switch (random.nextInt(11)) {
            case 0 -> {
                String valid = endpoint.validBody();
                String truncated = valid.substring(0, 1 + random.nextInt(valid.length() - 1));
                yield post("broken JSON", path, truncated);
            }
            case 1 -> post("garbage", path, garbage(random));
            case 2 -> post("wrong type of " + field, path, body.set(field, wrongType(kind, random)).toString());
            case 3 -> post("huge number in " + field, path, body.set(field,
                    NODES.numberNode(new java.math.BigInteger("9".repeat(20 + random.nextInt(400))))).toString());
            case 4 -> kind == Kind.COUNT
                    ? post("negative " + field, path, body.put(field, -1L - random.nextInt(1_000_000)).toString())
                    : post("negative count", path, body.put("postIdCount", -1).toString());
            case 5 -> fields.stream().filter(name -> endpoint.fields().get(name) == Kind.ID).findFirst()
                    .map(id -> post("bad id in " + id, path, body.put(id, badId(random)).toString()))
                    .orElseGet(() -> post("wrong type of " + field, path,
                            body.set(field, wrongType(kind, random)).toString()));
            case 6 -> {
                String missing = endpoint.required().get(random.nextInt(endpoint.required().size()));
                body.remove(missing);
                yield post("missing " + missing, path, body.toString());
            }
            case 7 -> post("extra field", path, body.put("unexpected" + random.nextInt(100), "x").toString());
            case 8 -> {
                String method = List.of("PUT", "PATCH", "GET").get(random.nextInt(3));
                yield new Malformed("method " + method, path, client -> client.raw(method, path, "application/json",
                        endpoint.validBody().getBytes(StandardCharsets.UTF_8), false));
            }
            case 9 -> {
                String type = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/octet-stream").get(random.nextInt(5));
                yield new Malformed("content type " + type, path, client -> client.raw("POST", path, type,
                        endpoint.validBody().getBytes(StandardCharsets.UTF_8), false));
            }
            default -> {
                byte[] invalidUtf8 = endpoint.validBody().getBytes(StandardCharsets.UTF_8);
                invalidUtf8[1 + random.nextInt(invalidUtf8.length - 2)] = (byte) (0x80 + random.nextInt(0x40));
                yield new Malformed("invalid UTF-8", path,
                        client -> client.raw("POST", path, "application/json", invalidUtf8, false));
            }
        };
    }

    private Malformed garbledRead(Random random) {
        int choice = random.nextInt(4);
        if (choice == 0) {
            String path = deleteEndpoints.get(random.nextInt(deleteEndpoints.size()))
                    .formatted(encoded(badId(random)));
            return new Malformed("bad id in path", path, client -> client.send("DELETE", path));
        }
        if (choice == 1) {
            String path = inputlessEndpoints.get(random.nextInt(inputlessEndpoints.size()));
            String method = List.of("PUT", "PATCH", "DELETE").get(random.nextInt(3));
            return new Malformed("method " + method, path, client -> client.send(method, path));
        }
        if (choice == 2) {
            String id = random.nextBoolean() ? badId(random)
                    : List.of("UPPER", "../etc", "%00", "a/b").get(random.nextInt(4));
            String path = readEndpoints.get(random.nextInt(readEndpoints.size())).formatted(encoded(id));
            return new Malformed("bad id in path", path, client -> client.get(path));
        }
        List<String> paths = List.of(
                "/api/v1/audit/decisions?page=-1", "/api/v1/audit/decisions?size=0",
                "/api/v1/audit/decisions?size=100000", "/api/v1/audit/decisions?from=yesterday",
                "/api/v1/audit/decisions?decision=MAYBE", "/api/v1/audit/decisions?page=99999999999",
                "/api/v1/audit/decisions?reason=TOO_MANY", "/api/v1/audit/decisions?reason=%00",
                "/api/v1/reports/usage?from=2026-13-45", "/api/v1/reports/usage?to=2026-02-30",
                "/api/v1/reports/near-limit?threshold=abc", "/api/v1/reports/near-limit?threshold=-1",
                "/api/v1/reports/near-limit?threshold=NaN", "/api/v1/recipients/fuzz/quota?asOf=soon",
                "/api/v1/recipients/fuzz/quota?asOf=99999-01-01T00:00:00Z",
                "/api/v1/reports/terms-to-accept-again?at=soon",
                "/api/v1/reports/terms-to-accept-again?at=99999-01-01T00:00:00Z");
        String path = paths.get(random.nextInt(paths.size()));
        return new Malformed("bad query", path, client -> client.get(path));
    }

    private static Malformed post(String mutation, String path, String body) {
        return new Malformed(mutation, path, client -> client.post(path, body));
    }

    private static JsonNode wrongType(Kind kind, Random random) {
        List<JsonNode> choices = new ArrayList<>(List.of(NODES.arrayNode().add(1), NODES.objectNode().put("a", 1)));
        if (kind != Kind.FLAG) {
            choices.add(NODES.booleanNode(random.nextBoolean()));
        }
        if (kind == Kind.FLAG) {
            choices.add(NODES.textNode("true"));
            choices.add(NODES.numberNode(1));
        } else if (kind == Kind.COUNT) {
            choices.add(NODES.textNode("12"));
            choices.add(NODES.textNode("many"));
        } else if (kind == Kind.OBJECT) {
            choices.add(NODES.textNode("{}"));
            choices.add(NODES.numberNode(7));
        } else {
            choices.add(NODES.numberNode(random.nextInt(1000)));
        }
        return choices.get(random.nextInt(choices.size()));
    }

    /** Not an id of any kind: every id is printable ASCII without spaces, at most 128 characters. */
    private static String badId(Random random) {
        return List.of("ünïcödé", "😀😀", "a\u0000b", "", " ", "x".repeat(129 + random.nextInt(500)),
                "id with spaces", "\u202Eevil", "a;DROP TABLE x", "tab\there").get(random.nextInt(10));
    }

    private static String garbage(Random random) {
        StringBuilder text = new StringBuilder("x");
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(3) == 0 ? 0x20 + random.nextInt(0x60) : random.nextInt(0x2FFF) + 1);
        }
        return text.toString();
    }

    private static String encoded(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private BodyEndpoint endpoint(String path, String validBody, String... required) {
        ObjectNode body = (ObjectNode) read(validBody);
        Map<String, Kind> fields = new TreeMap<>();
        body.fields().forEachRemaining(field -> fields.put(field.getKey(), kindOf(field.getKey(), field.getValue())));
        return new BodyEndpoint(path, validBody, fields, List.of(required));
    }

    private static Kind kindOf(String name, JsonNode value) {
        if (value.isObject()) {
            return Kind.OBJECT;
        }
        if (value.isNumber()) {
            return Kind.COUNT;
        }
        if (value.isBoolean()) {
            return Kind.FLAG;
        }
        if (name.endsWith("Id")) {
            return Kind.ID;
        }
        if (name.startsWith("valid")) {
            return Kind.INSTANT;
        }
        return name.equals("kind") || name.equals("channel") || name.equals("format") ? Kind.ENUM : Kind.TEXT;
    }

    private Map<String, Long> storeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("domain_event_entry", "snapshot_event_entry", "request_log")) {
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        counts.put("last event", jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry",
                Long.class));
        return counts;
    }

    private static JsonNode read(String json) {
        try {
            return LedgerClient.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
