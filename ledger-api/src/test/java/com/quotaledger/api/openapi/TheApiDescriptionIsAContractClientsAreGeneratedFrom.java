package com.quotaledger.api.openapi;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.security.EveryEndpointLetsInOnlyItsRoles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.quotaledger.api.security.EveryEndpointLetsInOnlyItsRoles.Caller;
import com.quotaledger.api.security.EveryEndpointLetsInOnlyItsRoles.Endpoint;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.decision.DenialReason;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI description the ledger serves is one a client can rely on mechanically: valid, with every operation
 * named, tagged, secured and answered as it really is, every reason code listed, and the same as the copy in
 * {@code docs/openapi.json} from which the test client is generated.
 */
@FreshLedger
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TheApiDescriptionIsAContractClientsAreGeneratedFrom {

    /** The checked-in description, relative to this module. */
    static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    LedgerClient ledger;
    private String served;
    private JsonNode description;

    @BeforeAll
    void readTheDescription() throws IOException {
        Answer answer = ledger.get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        served = answer.body();
        description = JSON.readTree(served);
    }

    @Test
    void swaggerParserFindsNothingToReport() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served, null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void onlyTheApisOwnPathsAreDescribed() {
        List<String> paths = new ArrayList<>();
        description.path("paths").fieldNames().forEachRemaining(paths::add);

        assertThat(paths).isNotEmpty().allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
        assertThat(served).doesNotContain("\"*/*\"");
    }

    @Test
    void everyOperationHasAnIdATagABearerTokenAndItsAnswers() {
        Set<String> declaredTags = new HashSet<>();
        description.path("tags").forEach(tag -> declaredTags.add(tag.path("name").asText()));
        Set<String> operationIds = new HashSet<>();
        assertThat(description.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");

        operations().forEach((name, operation) -> {
            assertThat(operation.path("operationId").asText()).as(name).matches("[a-z][A-Za-z]+");
            assertThat(operationIds.add(operation.path("operationId").asText())).as(name + " has a unique id").isTrue();
            assertThat(operation.path("tags")).as(name).hasSize(1);
            assertThat(declaredTags).as(name).contains(operation.path("tags").get(0).asText());
            assertThat(operation.path("summary").asText()).as(name).isNotBlank();
            assertThat(operation.path("security").toString()).as(name).isEqualTo("[{\"bearer\":[]}]");

            JsonNode responses = operation.path("responses");
            List<String> statuses = new ArrayList<>();
            responses.fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(name).anyMatch(status -> status.startsWith("2"))
                    .contains("401", "403", "500");
            statuses.stream().filter(status -> status.startsWith("4") || status.startsWith("5")).forEach(status -> {
                JsonNode content = responses.path(status).path("content");
                assertThat(content.size()).as(name + " " + status).isEqualTo(1);
                assertThat(content.path("application/problem+json").path("schema").path("$ref").asText())
                        .as(name + " " + status)
                        .matches("#/components/schemas/(Problem|ShareDenial|ObjectExportDenial)");
            });
            if (operation.has("requestBody")) {
                assertThat(statuses).as(name).contains("400", "413", "415");
            }
        });
    }

    @Test
    void everyOperationNamesTheRolesThatMayCallIt() {
        Map<String, JsonNode> operations = operations();
        int compared = 0;
        for (Endpoint endpoint : EveryEndpointLetsInOnlyItsRoles.ENDPOINTS) {
            JsonNode operation = operationFor(operations, endpoint);
            if (operation == null) {
                continue;
            }
            Set<String> allowed = endpoint.allowed().stream()
                    .filter(caller -> !EveryEndpointLetsInOnlyItsRoles.LIMITED_TO_RECIPIENTS.contains(caller))
                    .map(Caller::name).collect(Collectors.toSet());
            Set<String> described = new TreeSet<>();
            operation.path("x-roles").forEach(role -> described.add(role.asText()));
            assertThat(described).as(endpoint.toString()).isEqualTo(allowed);
            assertThat(operation.path("description").asText()).as(endpoint.toString()).contains("Roles: ");
            compared++;
        }
        assertThat(compared).as("operations compared with the endpoints the security test calls")
                .isEqualTo(operations.size());
    }

    @Test
    void theReasonsAreEveryCodeTheApiAnswers() {
        assertThat(enumOf("ProblemReason")).containsExactlyElementsOf(
                Arrays.stream(ProblemReason.values()).map(Enum::name).toList());
        assertThat(enumOf("DenialReason")).containsExactlyElementsOf(
                Arrays.stream(DenialReason.values()).map(Enum::name).toList());
        assertThat(description.at("/components/schemas/Problem/properties/reason/$ref").asText())
                .isEqualTo("#/components/schemas/ProblemReason");
        assertThat(description.at("/components/schemas/ShareDenial/properties/reason/$ref").asText())
                .isEqualTo("#/components/schemas/DenialReason");
    }

    @Test
    void theQuotaHasOneShapeWhereverItIsShown() {
        for (String quota : List.of("/ShareGrant/properties/quota", "/ShareDenial/properties/quota",
                "/RecipientQuotaJson/properties/postIds")) {
            assertThat(description.at("/components/schemas" + quota + "/$ref").asText()).as(quota)
                    .isEqualTo("#/components/schemas/QuotaJson");
        }
        assertThat(description.at("/components/schemas/ShareGrant/properties/decision/enum").toString())
                .isEqualTo("[\"GRANTED\"]");
        assertThat(description.at("/components/schemas/ShareDenial/properties/decision/enum").toString())
                .isEqualTo("[\"DENIED\"]");
    }

    @Test
    void aRealGrantAndDenialHaveNoFieldTheirSchemaLacks() {
        assertThat(ledger.post("/api/v1/recipients",
                "{\"recipientId\":\"contract\",\"name\":\"Contract\",\"kind\":\"COMPANY\"}").status()).isEqualTo(201);
        Answer denied = ledger.post("/api/v1/shares", "{\"requestId\":\"c-1\",\"recipientId\":\"contract\","
                + "\"postIdCount\":10,\"userIdCount\":0,\"directMessageIdCount\":0}");
        assertThat(denied.status()).isEqualTo(422);
        assertThat(fieldsOf(denied.json())).isSubsetOf(propertiesOf("ShareDenial"));

        assertThat(ledger.post("/api/v1/recipients/contract/terms-acceptances", "{\"acceptedBy\":\"jane\","
                + "\"documents\":{\"TERMS_OF_SERVICE\":\"1\",\"PRIVACY_POLICY\":\"1\","
                + "\"DEVELOPER_AGREEMENT\":\"1\",\"DEVELOPER_POLICY\":\"1\"}}").status()).isEqualTo(201);
        Answer granted = ledger.post("/api/v1/shares", "{\"requestId\":\"c-2\",\"recipientId\":\"contract\","
                + "\"postIdCount\":10,\"userIdCount\":0,\"directMessageIdCount\":0}");
        assertThat(granted.status()).isEqualTo(201);
        assertThat(fieldsOf(granted.json())).isSubsetOf(propertiesOf("ShareGrant"));
        assertThat(fieldsOf(granted.json().path("quota"))).isSubsetOf(propertiesOf("QuotaJson"));
    }

    @Test
    void theCheckedInDescriptionIsTheServedOne() throws IOException {
        Path current = Path.of("target", "openapi", "openapi.json");
        Files.createDirectories(current.getParent());
        Files.writeString(current, JSON.writeValueAsString(description) + "\n");

        JsonNode checkedIn = JSON.readTree(CHECKED_IN.toFile());
        if (!checkedIn.equals(description)) {
            fail("docs/openapi.json differs from the description the ledger serves; if the change is meant, copy "
                    + current.toAbsolutePath().normalize() + " over it (clients are generated from it)");
        }
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                method -> operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue())));
        return operations;
    }

    /** The operation whose path template matches the endpoint's concrete path, if the description has one. */
    private static JsonNode operationFor(Map<String, JsonNode> operations, Endpoint endpoint) {
        return operations.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(endpoint.method() + " "))
                .filter(entry -> PathPatternParser.defaultInstance
                        .parse(entry.getKey().substring(endpoint.method().length() + 1))
                        .matches(PathContainer.parsePath(endpoint.path())))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static Set<String> fieldsOf(JsonNode object) {
        Set<String> fields = new TreeSet<>();
        object.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private Set<String> propertiesOf(String schema) {
        return fieldsOf(description.at("/components/schemas/" + schema + "/properties"));
    }

    private List<String> enumOf(String schema) {
        List<String> values = new ArrayList<>();
        description.at("/components/schemas/" + schema + "/enum").forEach(value -> values.add(value.asText()));
        return values;
    }
}
