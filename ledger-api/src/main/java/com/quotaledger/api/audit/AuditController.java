package com.quotaledger.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quotaledger.api.clock.TestClockAdvances;
import com.quotaledger.api.person.Persons;
import com.quotaledger.api.readmodels.Projections;
import com.quotaledger.api.readmodels.Projections.ProjectedUpTo;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Csv;
import com.quotaledger.api.web.Instants;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.audit.Actors;
import com.quotaledger.audit.DecisionLog;
import com.quotaledger.audit.DecisionRow;
import com.quotaledger.decision.DecisionChain;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.decision.LedgerDecision;
import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;
import com.quotaledger.readmodels.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static com.quotaledger.api.web.ProblemReason.INVALID_FIELD;
import static com.quotaledger.api.web.ProblemReason.INVALID_PARAMETER;
import static com.quotaledger.api.web.ProblemReason.NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.PERSON_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_NOT_FOUND;

/** The auditor's questions: every decision, every recipient's full history, and whether it was tampered with. */
@Tag(name = "Audit")
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    /** The largest page of decisions; CSV has no cap, since it streams. */
    static final int MAX_PAGE_SIZE = 1000;

    /** A column of the decision log as CSV: its header and where its value comes from. */
    private record CsvColumn(String header, Function<DecisionRow, Object> value) {
    }

    /** The decision log's CSV columns, in order: the header row and every row come from this one list. */
    private static final List<CsvColumn> CSV_COLUMNS = List.of(
            new CsvColumn("decidedAt", DecisionRow::decidedAt),
            new CsvColumn("decisionType", DecisionRow::decisionType),
            new CsvColumn("decision", DecisionRow::decision),
            new CsvColumn("reason", DecisionRow::reason),
            new CsvColumn("requestId", DecisionRow::requestId),
            new CsvColumn("decisionId", DecisionRow::decisionId),
            new CsvColumn("recipientId", DecisionRow::recipientId),
            new CsvColumn("personId", DecisionRow::personId),
            new CsvColumn("postIds", DecisionRow::postIds),
            new CsvColumn("userIds", DecisionRow::userIds),
            new CsvColumn("directMessageIds", DecisionRow::directMessageIds),
            new CsvColumn("postObjects", DecisionRow::postObjects),
            new CsvColumn("userObjects", DecisionRow::userObjects),
            new CsvColumn("basis", DecisionRow::basis),
            new CsvColumn("basisId", DecisionRow::basisId),
            new CsvColumn("quotaLimit", DecisionRow::quotaLimit),
            new CsvColumn("quotaUsed", DecisionRow::quotaUsed),
            new CsvColumn("quotaRemaining", DecisionRow::quotaRemaining),
            new CsvColumn("limitSource", DecisionRow::limitSource),
            new CsvColumn("objectsLimit", DecisionRow::objectsLimit),
            new CsvColumn("objectsUsed", DecisionRow::objectsUsed),
            new CsvColumn("channel", DecisionRow::channel),
            new CsvColumn("format", DecisionRow::exportFormat),
            new CsvColumn("purpose", DecisionRow::purpose),
            new CsvColumn("actor", DecisionRow::actor),
            new CsvColumn("eventPosition", DecisionRow::eventPosition),
            new CsvColumn("aggregateId", DecisionRow::aggregateId),
            new CsvColumn("sequenceNumber", DecisionRow::sequenceNumber),
            // last, so that the columns of readers written before reservations keep their places
            new CsvColumn("reservationId", DecisionRow::reservationId));

    /**
     * A history as {@link #history} streams it, for the OpenAPI description: the recipient's or the person's id, and
     * every event of theirs, oldest first.
     */
    record History(String recipientId, String personId, List<HistoryEvent> events) {
    }

    /** The test clock's moves, each a {@code TestClockAdvanced} event with {@code from}, {@code to} and {@code by}. */
    record ClockHistory(String clock, List<HistoryEvent> events) {
    }

    record HistoryEvent(long sequence, String type, Instant occurredAt, Instant storedAt, String actor,
                        Map<String, Object> metadata, Object payload) {
    }

    /**
     * A page of the log: {@code next} is the cursor to ask for the page after it ({@code after=<next>}), null at the
     * end; {@code total} counts every matching decision, only when asked for ({@code count=true}).
     */
    record DecisionPage(List<DecisionRow> items, int size, String next,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long total, ProjectedUpTo projectedUpTo) {
    }

    record Verification(String aggregateId, boolean valid, long eventsChecked, long decisionsChecked,
                        Long brokenAtSequence, String problem) {
    }

    private final DecisionLog decisionLog;
    private final Projections projections;
    private final EventStore eventStore;
    private final ObjectMapper json;

    AuditController(DecisionLog decisionLog, Projections projections, EventStore eventStore,
                    ObjectMapper json) {
        this.decisionLog = decisionLog;
        this.projections = projections;
        this.eventStore = eventStore;
        this.json = json;
    }

    @Operation(operationId = "listDecisions", summary = "The decision log, filtered, as a JSON page or as CSV")
    @Refusals({INVALID_FIELD, INVALID_PARAMETER})
    @GetMapping(value = "/decisions", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    DecisionPage decisions(@RequestParam(required = false) String recipientId,
                           @RequestParam(required = false) String personId,
                           @RequestParam(required = false) String decision,
                           @Parameter(description = "A denial's reason code, such as ROLLING_LIMIT_EXCEEDED")
                           @RequestParam(required = false) String reason,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @Parameter(description = "The next cursor of the page before; the first page without it")
                           @RequestParam(required = false) String after,
                           @RequestParam(defaultValue = "50") int size,
                           @Parameter(description = "Whether to count every matching decision into total")
                           @RequestParam(defaultValue = "false") boolean count,
                           @Parameter(description = "oldest (the default) or newest first, by decision time",
                                   schema = @Schema(allowableValues = {"oldest", "newest"}))
                           @RequestParam(defaultValue = "oldest") String order,
                           @Parameter(hidden = true) @RequestParam(required = false) String page) {
        if (page != null) {
            throw ApiProblem.invalidField("page", "Pages are no longer numbered: ask for the page after another "
                    + "with after=<its next>.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblem.invalidField("size", "size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        DecisionLog.Order inOrder = switch (order) {
            case "oldest" -> DecisionLog.Order.OLDEST_FIRST;
            case "newest" -> DecisionLog.Order.NEWEST_FIRST;
            default -> throw ApiProblem.invalidField("order", "order must be oldest or newest.");
        };
        DecisionLog.Filter filter = filter(recipientId, personId, decision, reason, from, to);
        DecisionLog.Cursor cursor = null;
        if (after != null) {
            DecisionCursors.Position position = DecisionCursors.read(after);
            if (position.order() != inOrder) {
                throw ApiProblem.invalidField("after", "after is the cursor of pages in the other order: ask with "
                        + "the order of the page it came from.");
            }
            cursor = position.cursor();
        }
        ProjectedUpTo upTo = projections.projectedUpTo(ReadModels.PROCESSING_GROUP);
        List<DecisionRow> items = decisionLog.page(filter, inOrder, cursor, size);
        String next = items.size() < size ? null
                : DecisionCursors.write(DecisionLog.Cursor.after(items.get(size - 1)), inOrder);
        return new DecisionPage(items, size, next, count ? decisionLog.count(filter) : null, upTo);
    }

    @Operation(operationId = "listDecisions", summary = "The decision log, filtered, as a JSON page or as CSV")
    @ApiResponse(responseCode = "200", description = "The decisions: a JSON page, or every row as CSV, streamed",
            content = @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string")))
    @Refusals({INVALID_FIELD, INVALID_PARAMETER})
    @GetMapping(value = "/decisions", produces = Csv.MEDIA_TYPE)
    ResponseEntity<StreamingResponseBody> decisionsAsCsv(@RequestParam(required = false) String recipientId,
                                                         @RequestParam(required = false) String personId,
                                                         @RequestParam(required = false) String decision,
                                                         @RequestParam(required = false) String reason,
                                                         @RequestParam(required = false) String from,
                                                         @RequestParam(required = false) String to) {
        DecisionLog.Filter filter = filter(recipientId, personId, decision, reason, from, to);
        StreamingResponseBody body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            Csv.writeRow(writer, CSV_COLUMNS.stream().map(CsvColumn::header).toList());
            // a page at a time, each read without a transaction around the whole: a client that reads slowly holds
            // no connection while the ledger waits to write to it
            decisionLog.forEach(filter, row -> {
                try {
                    Csv.writeRow(writer, CSV_COLUMNS.stream().map(column -> column.value().apply(row)).toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"decisions.csv\"")
                .body(body);
    }

    @Operation(operationId = "getRecipientHistory", summary = "Every event of a recipient, oldest first")
    @ApiResponse(responseCode = "200", description = "The history",
            content = @Content(schema = @Schema(implementation = History.class)))
    @Refusals(RECIPIENT_NOT_FOUND)
    @GetMapping("/recipients/{recipientId}/history")
    ResponseEntity<StreamingResponseBody> recipientHistory(@PathVariable String recipientId) {
        if (!RecipientIds.isValid(recipientId)) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
        return history("recipientId", recipientId, recipientId, () -> ApiProblem.recipientNotFound(recipientId));
    }

    @Operation(operationId = "getPersonHistory", summary = "Every event of a person, oldest first")
    @ApiResponse(responseCode = "200", description = "The history",
            content = @Content(schema = @Schema(implementation = History.class)))
    @Refusals(PERSON_NOT_FOUND)
    @GetMapping("/persons/{personId}/history")
    ResponseEntity<StreamingResponseBody> personHistory(@PathVariable String personId) {
        if (!PersonIds.isValid(personId)) {
            throw Persons.personNotFound(personId);
        }
        return history("personId", personId, PersonIds.aggregateId(personId), () -> Persons.personNotFound(personId));
    }

    @Operation(operationId = "getTestClockHistory",
            summary = "Every move of the test clock and who made it, oldest first")
    @ApiResponse(responseCode = "200", description = "The history",
            content = @Content(schema = @Schema(implementation = ClockHistory.class)))
    @Refusals(NOT_FOUND)
    @GetMapping("/test-clock/history")
    ResponseEntity<StreamingResponseBody> testClockHistory() {
        return history("clock", "test", TestClockAdvances.STREAM, () -> new ApiProblem(NOT_FOUND,
                "The test clock of this store was never moved."));
    }

    @Operation(operationId = "verifyRecipientChain", summary = "Check the hash chain of a recipient's decisions")
    @Refusals(RECIPIENT_NOT_FOUND)
    @GetMapping("/recipients/{recipientId}/verify")
    Verification verifyRecipient(@PathVariable String recipientId) {
        if (!RecipientIds.isValid(recipientId)) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
        return verify(recipientId, () -> ApiProblem.recipientNotFound(recipientId));
    }

    @Operation(operationId = "verifyPersonChain", summary = "Check the hash chain of a person's decisions")
    @Refusals(PERSON_NOT_FOUND)
    @GetMapping("/persons/{personId}/verify")
    Verification verifyPerson(@PathVariable String personId) {
        if (!PersonIds.isValid(personId)) {
            throw Persons.personNotFound(personId);
        }
        return verify(PersonIds.aggregateId(personId), () -> Persons.personNotFound(personId));
    }

    /**
     * The aggregate's whole history, oldest first, streamed as it is read: each event with its sequence number, type,
     * time on the ledger's clock, actor, metadata and payload.
     */
    private ResponseEntity<StreamingResponseBody> history(String idField, String id, String aggregateId,
                                                          Supplier<ApiProblem> notFound) {
        DomainEventStream events = eventStore.readEvents(aggregateId, 0);
        if (!events.hasNext()) {
            throw notFound.get();
        }
        StreamingResponseBody body = output -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(output)) {
                generator.writeStartObject();
                generator.writeStringField(idField, id);
                generator.writeArrayFieldStart("events");
                while (events.hasNext()) {
                    DomainEventMessage<?> event = events.next();
                    generator.writeStartObject();
                    generator.writeNumberField("sequence", event.getSequenceNumber());
                    generator.writeStringField("type", typeOf(event.getPayloadType().getName()));
                    generator.writeObjectField("occurredAt", event.getPayload() instanceof LedgerEvent ledgerEvent
                            ? ledgerEvent.occurredAt() : event.getTimestamp());
                    generator.writeObjectField("storedAt", event.getTimestamp());
                    generator.writeObjectField("actor", event.getMetaData().get(Actors.ACTOR));
                    generator.writeObjectField("metadata", event.getMetaData());
                    generator.writeObjectField("payload", event.getPayload());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Recomputes the hash chain over the aggregate's decisions, from the first event, and reports the first break. */
    private Verification verify(String aggregateId, Supplier<ApiProblem> notFound) {
        DomainEventStream events = eventStore.readEvents(aggregateId, 0);
        if (!events.hasNext()) {
            throw notFound.get();
        }
        String previousHash = null;
        long eventsChecked = 0;
        long decisionsChecked = 0;
        while (events.hasNext()) {
            long sequence = -1;
            try {
                DomainEventMessage<?> event = events.next();
                sequence = event.getSequenceNumber();
                if (sequence != eventsChecked) {
                    return broken(aggregateId, eventsChecked, decisionsChecked, eventsChecked,
                            "an event is missing before this sequence number");
                }
                eventsChecked++;
                if (event.getPayload() instanceof LedgerDecision decision) {
                    String recordedPrevious = (String) event.getMetaData().get(DecisionChain.PREVIOUS_HASH);
                    String recordedHash = (String) event.getMetaData().get(DecisionChain.HASH);
                    if (!DecisionChain.follows(previousHash, decision, recordedPrevious, recordedHash)) {
                        return broken(aggregateId, eventsChecked, decisionsChecked, sequence,
                                "the decision does not match its recorded hash chain");
                    }
                    previousHash = recordedHash;
                    decisionsChecked++;
                }
            } catch (RuntimeException unreadable) {
                return broken(aggregateId, eventsChecked, decisionsChecked, sequence < 0 ? eventsChecked : sequence,
                        "the stored event cannot be read");
            }
        }
        return new Verification(aggregateId, true, eventsChecked, decisionsChecked, null, null);
    }

    private static Verification broken(String aggregateId, long eventsChecked, long decisionsChecked, long sequence,
                                       String problem) {
        return new Verification(aggregateId, false, eventsChecked, decisionsChecked, sequence, problem);
    }

    /** Blank parameters filter nothing, like absent ones. */
    private static DecisionLog.Filter filter(String recipientIdParameter, String personIdParameter,
                                             String decisionParameter, String reasonParameter,
                                             String fromParameter, String toParameter) {
        String recipientId = blankToNull(recipientIdParameter);
        String personId = blankToNull(personIdParameter);
        String decision = blankToNull(decisionParameter);
        String reason = blankToNull(reasonParameter);
        String from = blankToNull(fromParameter);
        String to = blankToNull(toParameter);
        if (decision != null && !DecisionRow.DECISIONS.contains(decision)) {
            throw ApiProblem.invalidField("decision", "decision must be one of " + String.join(", ",
                    DecisionRow.DECISIONS) + ".");
        }
        if (reason != null && Arrays.stream(DenialReason.values()).noneMatch(known -> known.name().equals(reason))) {
            throw ApiProblem.invalidField("reason", "reason must be one of " + Arrays.stream(DenialReason.values())
                    .map(DenialReason::name).collect(Collectors.joining(", ")) + ".");
        }
        if (recipientId != null && recipientId.length() > 64 || personId != null && personId.length() > 128) {
            throw ApiProblem.invalidField(recipientId != null && recipientId.length() > 64 ? "recipientId" : "personId",
                    "The id is longer than any id the ledger knows.");
        }
        Instant fromInstant = from == null ? null : Instants.parse("from", from);
        Instant toInstant = to == null ? null : Instants.parse("to", to);
        return new DecisionLog.Filter(recipientId, personId, decision, reason, fromInstant, toInstant);
    }

    private static String blankToNull(String parameter) {
        return parameter == null || parameter.isBlank() ? null : parameter;
    }

    private static String typeOf(String payloadType) {
        String simpleName = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        return simpleName.endsWith("Event") ? simpleName.substring(0, simpleName.length() - "Event".length())
                : simpleName;
    }
}
