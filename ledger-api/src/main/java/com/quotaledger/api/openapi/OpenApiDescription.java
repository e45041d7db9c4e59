package com.quotaledger.api.openapi;

import com.quotaledger.api.security.EndpointAccess;
import com.quotaledger.api.security.Role;
import com.quotaledger.api.web.ProblemJson;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.decision.DenialReason;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI description at {@code /v3/api-docs}, made a contract a client can be generated from: who may call each
 * operation (from {@link EndpointAccess}, the rules the security filters enforce), every problem it may answer with
 * its stable reasons, and the reasons themselves from the enums the ledger answers with.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    static final String BEARER = "bearer";
    static final String ROLES_EXTENSION = "x-roles";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM = "#/components/schemas/Problem";

    /** What any operation that needs a token may answer, besides its own refusals. */
    private static final Set<ProblemReason> EVERY_OPERATION = EnumSet.of(ProblemReason.UNAUTHENTICATED,
            ProblemReason.FORBIDDEN, ProblemReason.FORBIDDEN_RECIPIENT, ProblemReason.INTERNAL_ERROR,
            ProblemReason.IDENTITY_PROVIDER_UNAVAILABLE);

    /** What any operation with a request body may answer about the body. */
    private static final Set<ProblemReason> EVERY_BODY = EnumSet.of(ProblemReason.MALFORMED_JSON,
            ProblemReason.UNKNOWN_FIELD, ProblemReason.INVALID_FIELD, ProblemReason.BODY_TOO_LARGE,
            ProblemReason.UNSUPPORTED_MEDIA_TYPE);

    static {
        // Every enum a schema of its own, named like the ledger's type: one class per enum in a generated client
        // rather than a copy inside each model that uses it (which some generators cannot even compile in a set).
        ModelResolver.enumsAsRef = true;
    }

    @Bean
    OpenAPI ledgerApi() {
        return new OpenAPI()
                .info(new Info().title("Quota Ledger API").version("v1").description("""
                        The one place export tools ask before they ship a dataset of X content to a third party. \
                        Each share or object export is granted or denied under X's Developer Policy, and the \
                        decision is kept for good. Every error is an RFC 9457 problem with a stable `reason`."""))
                .servers(List.of(new Server().url("/").description("The ledger that serves this description")))
                .tags(List.of(
                        tag("Caller", "Who the token is: its roles and recipients"),
                        tag("Shares", "Shares of Post, User and Direct Message IDs to a recipient entity"),
                        tag("Reservations", "IDs held before a dataset is built, then confirmed, voided or expired"),
                        tag("Object exports", "Full Post and User objects to a person, by manual download"),
                        tag("Recipients", "Recipient entities, their accepted terms and their quota"),
                        tag("Persons", "Persons, their affiliation with an entity and their accepted terms"),
                        tag("Exemptions", "Academic approvals, DSA Art. 40 access and written limit permissions"),
                        tag("Terms", "Versions of the terms documents recipients and persons accept"),
                        tag("Audit", "The decision log, event histories and their hash chains"),
                        tag("Reports", "Usage, recipients near the limit, exemptions, terms to accept again"),
                        tag("Administration", "Read model status, replay and reconciliation"),
                        tag("Test clock", "The ledger's clock, where a test run enables it")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token of the ledger, or a JWT of the configured identity provider.")));
    }

    /** Each operation's problems: its own {@link Refusals}, and those every operation, or every body, may answer. */
    @Bean
    OperationCustomizer refusals() {
        return (operation, handler) -> {
            Set<ProblemReason> reasons = EnumSet.copyOf(EVERY_OPERATION);
            if (operation.getRequestBody() != null) {
                reasons.addAll(EVERY_BODY);
            }
            Refusals own = handler.getMethodAnnotation(Refusals.class);
            if (own != null) {
                reasons.addAll(Arrays.asList(own.value()));
            }
            Map<Integer, List<ProblemReason>> byStatus = reasons.stream().collect(Collectors.groupingBy(
                    reason -> reason.status().value(), TreeMap::new, Collectors.toList()));
            ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
            byStatus.forEach((status, refused) -> {
                if (!responses.containsKey(Integer.toString(status))) {
                    responses.addApiResponse(Integer.toString(status), problem(status, refused));
                }
            });
            return operation.responses(responses);
        };
    }

    /**
     * Who may call each operation, from the rules the security filters enforce, and the reasons as schemas of their
     * own: every code a client may branch on, so that a generated client knows them all.
     */
    @Bean
    OpenApiCustomizer accessAndReasons() {
        return openApi -> {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                describeAccess(operation, EndpointAccess.ruleFor(HttpMethod.valueOf(method.name()), path).orElse(null));
                // "*/*" is how a handler says it serves whatever is asked; the description names what it serves
                operation.getResponses().values().stream().map(ApiResponse::getContent).filter(Objects::nonNull)
                        .filter(content -> content.size() > 1).forEach(content -> content.remove("*/*"));
            }));
            Components components = openApi.getComponents();
            ModelConverters.getInstance().readAll(ProblemJson.class).forEach(components::addSchemas);
            StringSchema denials = new StringSchema();
            denials.setDescription("Why the ledger denied a request under the policy: the `reason` of a denial, the "
                    + "same in REST answers and in the decisions on Kafka. TERMS_OUTDATED denials add "
                    + "`outdatedTerms`, the documents whose accepted version is older than the one in force.");
            Arrays.stream(DenialReason.values()).forEach(reason -> denials.addEnumItem(reason.name()));
            components.addSchemas("DenialReason", denials);
        };
    }

    private static void describeAccess(Operation operation, EndpointAccess.Rule rule) {
        if (rule != null && rule.callers() == EndpointAccess.Callers.ANYONE) {
            operation.setSecurity(List.of());
            return;
        }
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        Set<Role> allowed = rule == null ? EndpointAccess.UNNAMED_PATHS.andAbove()
                : rule.callers() == EndpointAccess.Callers.ANY_AUTHENTICATED ? EnumSet.allOf(Role.class)
                : rule.roles().stream().flatMap(role -> role.andAbove().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        List<String> roles = allowed.stream().map(Role::name).toList();
        operation.addExtension(ROLES_EXTENSION, roles);
        String who = "Roles: " + String.join(", ", roles) + ".";
        operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
    }

    private static ApiResponse problem(int status, List<ProblemReason> reasons) {
        ApiResponse response = new ApiResponse()
                .description(reasons.stream().map(ProblemReason::name).collect(Collectors.joining(", ")))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM))));
        if (status == 503) {
            response.addHeaderObject("Retry-After", new Header()
                    .description("Seconds to wait before sending the same request again, where the ledger knows")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}
