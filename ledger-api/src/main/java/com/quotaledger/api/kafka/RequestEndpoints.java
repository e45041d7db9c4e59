package com.quotaledger.api.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.decision.DecisionAnswer;
import com.quotaledger.api.person.ObjectExportBody;
import com.quotaledger.api.person.ObjectExportDecisions;
import com.quotaledger.api.security.BearerCredentials;
import com.quotaledger.api.share.ShareDecisions;
import com.quotaledger.api.reservation.ConfirmReservationBody;
import com.quotaledger.api.reservation.ReservationDecisions;
import com.quotaledger.api.reservation.ReserveIdsBody;
import com.quotaledger.api.reservation.VoidReservationBody;
import com.quotaledger.api.share.ShareIdsBody;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.ids.ReservationIds;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides a request record exactly as the REST endpoint of its type decides the same body: the caller is
 * authenticated by the record's {@code Authorization} header and authorized for the endpoint as over HTTP, the body
 * is read by the API's strict JSON mapper into the endpoint's own request record, validated by the same validator and
 * decided by the same decision service, as that caller, whose answer becomes the record's value and headers as it
 * becomes the REST response. The rules, the idempotency and the answer therefore have one code path, and a change to
 * an endpoint changes its Kafka twin with it.
 */
class RequestEndpoints {

    /** The field of a request record that names its endpoint; the rest of the record is the endpoint's body. */
    static final String TYPE_FIELD = "type";

    /**
     * A request record's {@code type}, and the REST endpoint whose body the rest of the record is. An endpoint whose
     * path names a reservation takes its id from the record's {@value #RESERVATION_ID_FIELD} field.
     */
    enum RequestType {
        SHARE_IDS("/api/v1/shares", ShareIdsBody.class),
        OBJECT_EXPORT("/api/v1/object-exports", ObjectExportBody.class),
        RESERVE("/api/v1/reservations", ReserveIdsBody.class),
        CONFIRM_RESERVATION("/api/v1/reservations/{reservationId}/confirm", ConfirmReservationBody.class),
        VOID_RESERVATION("/api/v1/reservations/{reservationId}/void", VoidReservationBody.class);

        private final String path;
        private final Class<?> body;

        RequestType(String path, Class<?> body) {
            this.path = path;
            this.body = body;
        }

        String path() {
            return path;
        }

        boolean namesReservation() {
            return path.contains("{" + RESERVATION_ID_FIELD + "}");
        }

        /** The path of the endpoint for this record: the reservation it names put into the path. */
        String path(String reservationId) {
            return namesReservation() ? path.replace("{" + RESERVATION_ID_FIELD + "}", reservationId) : path;
        }
    }

    /** The field of a confirmation or void record that names its reservation, which REST takes from the path. */
    static final String RESERVATION_ID_FIELD = "reservationId";

    /** What the endpoint answered: its status, its body as JSON (with the status in it) and its headers. */
    record Decided(int status, ObjectNode body, HttpHeaders headers) {
    }

    private final ObjectMapper json;
    private final Validator validator;
    private final ShareDecisions shares;
    private final ObjectExportDecisions exports;
    private final ReservationDecisions reservations;
    private final BearerCredentials credentials;

    RequestEndpoints(ObjectMapper json, Validator validator, ShareDecisions shares, ObjectExportDecisions exports,
                     ReservationDecisions reservations, BearerCredentials credentials) {
        this.json = json;
        this.validator = validator;
        this.shares = shares;
        this.exports = exports;
        this.reservations = reservations;
        this.credentials = credentials;
    }

    /**
     * Submits the decision of a request record's value, sent with the {@code authorization} header's credential, in
     * {@code sequence}: answered once it is stored.
     *
     * @throws UndecidableRequest at once, if the value is not a request that the REST API would decide for that
     *                            credential (it would answer 400, 401 or 403)
     * @throws ApiProblem         at once, with {@code IDENTITY_PROVIDER_UNAVAILABLE}, if the credential could be
     *                            neither accepted nor refused just now: the record is to be tried again
     */
    CompletableFuture<Decided> submit(byte[] value, String authorization, GroupCommit.Sequence sequence) {
        Authentication caller = undecidableUnless(() -> credentials.authenticate(authorization));
        ObjectNode request = readObject(value);
        RequestType type = typeOf(request);
        String reservationId = type.namesReservation() ? reservationIdOf(request) : null;
        undecidableUnless(() -> {
            credentials.authorize(caller, HttpMethod.POST, type.path(reservationId));
            return null;
        });
        Object body = readBody(request, type.body);
        validate(body);
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication before = context.getAuthentication();
        // the decision services read the caller (its name as the actor, its recipients) from the security context
        context.setAuthentication(caller);
        try {
            CompletableFuture<DecisionAnswer> answer = undecidableUnless(() -> switch (type) {
                case SHARE_IDS -> shares.decide((ShareIdsBody) body, sequence);
                case OBJECT_EXPORT -> exports.decide((ObjectExportBody) body, sequence);
                case RESERVE -> reservations.reserve((ReserveIdsBody) body, sequence);
                case CONFIRM_RESERVATION -> reservations.confirm(reservationId, (ConfirmReservationBody) body,
                        sequence);
                case VOID_RESERVATION -> reservations.voidReservation(reservationId, (VoidReservationBody) body,
                        sequence);
            });
            return answer.handle((decided, failure) -> answer(type.path(reservationId), decided, failure));
        } finally {
            context.setAuthentication(before);
        }
    }

    /**
     * What {@code step} gives; a problem it raises at once makes the record undecidable with the problem's reason,
     * except that an identity provider out of reach is to be tried again.
     */
    private static <T> T undecidableUnless(Supplier<T> step) {
        try {
            return step.get();
        } catch (ApiProblem refused) {
            if (refused.reason() == ProblemReason.IDENTITY_PROVIDER_UNAVAILABLE) {
                throw refused;
            }
            throw new UndecidableRequest(refused.reason().name(), refused.getMessage());
        }
    }

    private Decided answer(String path, DecisionAnswer decided, Throwable failure) {
        if (failure == null) {
            return answer(path, decided.status().value(), decided.body(), decided.headers());
        }
        Throwable cause = failure instanceof CompletionException completion ? completion.getCause() : failure;
        if (cause instanceof ApiProblem problem) {
            return answer(path, problem.status().value(), problem.toProblemDetail(), new HttpHeaders());
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
    }

    /** Whether a failure to decide is an answer the REST API gives (a problem such as an unknown recipient). */
    static boolean isAnswer(Throwable failure) {
        return failure instanceof ApiProblem || failure instanceof AggregateNotFoundException;
    }

    private ObjectNode readObject(byte[] value) {
        JsonNode node;
        try {
            node = value == null ? null : json.readTree(value);
        } catch (IOException unreadable) {
            throw new UndecidableRequest("MALFORMED_JSON", "The record value is not a valid JSON object.");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new UndecidableRequest("MALFORMED_JSON", "The record value is not a JSON object.");
        }
        return object;
    }

    private static RequestType typeOf(ObjectNode request) {
        JsonNode type = request.remove(TYPE_FIELD);
        String known = Arrays.stream(RequestType.values()).map(Enum::name).collect(Collectors.joining(", "));
        if (type == null || !type.isTextual()) {
            throw new UndecidableRequest("UNKNOWN_TYPE", "Field 'type' is required: one of " + known + ".");
        }
        try {
            return RequestType.valueOf(type.textValue());
        } catch (IllegalArgumentException unknown) {
            throw new UndecidableRequest("UNKNOWN_TYPE", "Type '" + abbreviated(type.textValue())
                    + "' is not one of " + known + ".");
        }
    }

    /** The reservation a confirmation or void names, taken out of the record as REST takes it from the path. */
    private static String reservationIdOf(ObjectNode request) {
        JsonNode id = request.remove(RESERVATION_ID_FIELD);
        if (id == null || !id.isTextual()) {
            throw new UndecidableRequest("INVALID_FIELD", "Field '" + RESERVATION_ID_FIELD + "' is required: the "
                    + "id of the reservation.");
        }
        if (!ReservationIds.isValid(id.textValue())) {
            throw new UndecidableRequest("INVALID_FIELD", "Field '" + RESERVATION_ID_FIELD + "' is not a "
                    + "reservation id: its recipient's id, '~' and a name.");
        }
        return id.textValue();
    }

    private Object readBody(ObjectNode request, Class<?> bodyType) {
        try {
            return json.treeToValue(request, bodyType);
        } catch (UnrecognizedPropertyException unknown) {
            throw new UndecidableRequest("UNKNOWN_FIELD", "Field '" + path(unknown) + "' is not part of this request.");
        } catch (JsonMappingException mapping) {
            if (mapping.getPath().isEmpty()) {
                throw new UndecidableRequest("MALFORMED_JSON", "The record value is not a valid request.");
            }
            throw new UndecidableRequest("INVALID_FIELD",
                    "Field '" + path(mapping) + "' has the wrong type or an invalid value.");
        } catch (JsonProcessingException unreadable) {
            throw new UndecidableRequest("MALFORMED_JSON", "The record value is not a valid request.");
        }
    }

    private void validate(Object body) {
        Set<ConstraintViolation<Object>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new UndecidableRequest("INVALID_FIELD", violations.stream()
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The body as Spring MVC writes it, which names the endpoint as a problem's {@code instance}. */
    private Decided answer(String path, int status, Object body, HttpHeaders headers) {
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(URI.create(path));
        }
        ObjectNode node = json.valueToTree(body);
        node.put("status", status);
        return new Decided(status, node, headers);
    }

    private static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Text from a record goes into a header at a bounded length. */
    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
