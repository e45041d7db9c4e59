package com.quotaledger.api.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.web.ApiProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides a request record exactly as the REST endpoint of its type decides the same body: the body is read by the
 * API's strict JSON mapper into the endpoint's own request record, validated by the same validator and handed to the
 * endpoint's own handler method. The rules, the idempotency and the answer therefore have one code path, and a
 * change to an endpoint changes its Kafka twin with it.
 */
class RequestEndpoints {

    /** The field of a request record that names its endpoint; the rest of the record is the endpoint's body. */
    static final String TYPE_FIELD = "type";

    /** A request record's {@code type}, and the REST endpoint whose body the rest of the record is. */
    enum RequestType {
        SHARE_IDS("/api/v1/shares"),
        OBJECT_EXPORT("/api/v1/object-exports");

        private final String path;

        RequestType(String path) {
            this.path = path;
        }

        String path() {
            return path;
        }
    }

    /** What the endpoint answered: its status, its body as JSON (with the status in it) and its headers. */
    record Decided(int status, ObjectNode body, HttpHeaders headers) {
    }

    private final ObjectMapper json;
    private final Validator validator;
    private final Map<RequestType, HandlerMethod> handlers = new EnumMap<>(RequestType.class);

    RequestEndpoints(ObjectMapper json, Validator validator, RequestMappingHandlerMapping mappings) {
        this.json = json;
        this.validator = validator;
        for (RequestType type : RequestType.values()) {
            handlers.put(type, postHandler(mappings, type.path()));
        }
    }

    /**
     * The decision for a request record's value.
     *
     * @throws UndecidableRequest if the value is not a request that the REST API would decide (it would answer 400)
     */
    Decided decide(byte[] value) {
        ObjectNode request = readObject(value);
        RequestType type = typeOf(request);
        HandlerMethod handler = handlers.get(type);
        Object body = readBody(request, handler.getMethodParameters()[0].getParameterType());
        validate(body);
        try {
            return answer(type, (ResponseEntity<?>) new InvocableHandlerMethod(handler).invokeForRequest(null, null, body));
        } catch (ApiProblem problem) {
            if (problem.status().value() == 400) {
                throw new UndecidableRequest(reasonOf(problem.toProblemDetail()), problem.getMessage());
            }
            return answer(type, ResponseEntity.status(problem.status()).body(problem.toProblemDetail()));
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception failure) {
            throw new IllegalStateException("the " + type + " endpoint failed", failure);
        }
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
    private Decided answer(RequestType type, ResponseEntity<?> response) {
        Object body = response.getBody();
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(URI.create(type.path()));
        }
        ObjectNode node = json.valueToTree(body);
        int status = response.getStatusCode().value();
        node.put("status", status);
        return new Decided(status, node, response.getHeaders());
    }

    private static String reasonOf(ProblemDetail problem) {
        Map<String, Object> properties = problem.getProperties();
        return properties != null && properties.get("reason") instanceof String reason ? reason : "INVALID_REQUEST";
    }

    private static HandlerMethod postHandler(RequestMappingHandlerMapping mappings, String path) {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            if (info.getPatternValues().contains(path)
                    && info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                return mapping.getValue().createWithResolvedBean();
            }
        }
        throw new IllegalStateException("no POST endpoint at " + path);
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
