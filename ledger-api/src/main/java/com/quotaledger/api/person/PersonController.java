package com.quotaledger.api.person;

import com.quotaledger.api.recipient.AcceptTermsBody;
import com.quotaledger.api.security.CurrentActor;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;
import com.quotaledger.person.api.AcceptPersonTermsCommand;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.person.api.RegisterPersonCommand;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsInForce;
import com.quotaledger.terms.api.TermsVersions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.quotaledger.api.web.ProblemReason.AFFILIATION_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.CONTENDED;
import static com.quotaledger.api.web.ProblemReason.PERSON_AFFILIATED_ELSEWHERE;
import static com.quotaledger.api.web.ProblemReason.PERSON_ALREADY_EXISTS;
import static com.quotaledger.api.web.ProblemReason.PERSON_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_NOT_FOUND;

/**
 * Persons: individuals who use the service, on their own or associated with a recipient entity, each with a daily
 * allowance of full objects.
 */
@Tag(name = "Persons")
@RestController
class PersonController {

    record PersonBody(@NotNull @Pattern(regexp = PersonIds.PATTERN) String personId) {
    }

    record PersonJson(String personId,
                      String recipientId,
                      DailyObjectsJson objectsToday,
                      boolean termsAccepted,
                      Map<TermsDocument, AcceptedTerms> acceptedTerms,
                      List<TermsDocument> missingTerms,
                      List<OutdatedTerms> outdatedTerms) {

        /** {@code outdatedTerms}: the person's own; their entity's acceptance, if up to date, covers them too. */
        static PersonJson of(PersonView view, TermsVersions versions) {
            return new PersonJson(view.personId(), view.recipientId(), DailyObjectsJson.of(view.objectsToday()),
                    view.termsAccepted(), new TreeMap<>(view.acceptedTerms()),
                    TermsDocument.allRequired().stream().filter(d -> !view.acceptedTerms().containsKey(d)).toList(),
                    versions.outdated(view.acceptedTerms(), view.asOf()));
        }
    }

    /** {@code acceptedBy} as the request states it; {@code recordedBy}, the caller that recorded it. */
    record TermsAcceptanceJson(String personId,
                               String acceptedBy,
                               String recordedBy,
                               Instant acceptedAt,
                               Map<TermsDocument, String> documents,
                               boolean termsAccepted,
                               List<TermsDocument> missingTerms,
                               List<OutdatedTerms> outdatedTerms) {
    }

    private final Persons persons;

    private final TermsInForce termsInForce;
    private final CurrentActor actor;

    PersonController(Persons persons, TermsInForce termsInForce, CurrentActor actor) {
        this.persons = persons;
        this.termsInForce = termsInForce;
        this.actor = actor;
    }

    @Operation(operationId = "registerPerson", summary = "Register a person on their own, without an entity")
    @ApiResponse(responseCode = "201", description = "Registered", useReturnTypeSchema = true)
    @Refusals({PERSON_ALREADY_EXISTS, CONTENDED})
    @PostMapping("/api/v1/persons")
    ResponseEntity<PersonJson> register(@Valid @RequestBody PersonBody body, UriComponentsBuilder uri) {
        PersonView person = persons.register(new RegisterPersonCommand(body.personId()));
        return ResponseEntity.created(uri.path("/api/v1/persons/{personId}").build(person.personId()))
                .body(PersonJson.of(person, termsInForce.versions()));
    }

    @Operation(operationId = "affiliatePerson", summary = "Affiliate a person with a recipient entity")
    @ApiResponse(responseCode = "201", description = "Affiliated", useReturnTypeSchema = true)
    @Refusals({RECIPIENT_NOT_FOUND, PERSON_AFFILIATED_ELSEWHERE, CONTENDED})
    @PostMapping("/api/v1/recipients/{recipientId}/persons")
    ResponseEntity<PersonJson> affiliate(@PathVariable String recipientId, @Valid @RequestBody PersonBody body,
                                         UriComponentsBuilder uri) {
        if (!RecipientIds.isValid(recipientId)) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
        PersonView person = persons.affiliate(new AffiliatePersonCommand(body.personId(), recipientId));
        return ResponseEntity.created(uri.path("/api/v1/persons/{personId}").build(person.personId()))
                .body(PersonJson.of(person, termsInForce.versions()));
    }

    @Operation(operationId = "endAffiliation", summary = "End a person's affiliation with a recipient entity")
    @Refusals({RECIPIENT_NOT_FOUND, AFFILIATION_NOT_FOUND, CONTENDED})
    @DeleteMapping("/api/v1/recipients/{recipientId}/persons/{personId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void endAffiliation(@PathVariable String recipientId, @PathVariable String personId) {
        if (!PersonIds.isValid(personId)) {
            throw Persons.personNotFound(personId);
        }
        if (!RecipientIds.isValid(recipientId)) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
        persons.endAffiliation(new EndAffiliationCommand(personId, recipientId));
    }

    @Operation(operationId = "getPerson", summary = "The person, its entity and its objects today")
    @Refusals(PERSON_NOT_FOUND)
    @GetMapping("/api/v1/persons/{personId}")
    PersonJson get(@PathVariable String personId) {
        if (!PersonIds.isValid(personId)) {
            throw Persons.personNotFound(personId);
        }
        return PersonJson.of(persons.describe(personId), termsInForce.versions());
    }

    @Operation(operationId = "acceptPersonTerms", summary = "Record a person's acceptance of document versions")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @Refusals({PERSON_NOT_FOUND, CONTENDED})
    @PostMapping("/api/v1/persons/{personId}/terms-acceptances")
    ResponseEntity<TermsAcceptanceJson> acceptTerms(@PathVariable String personId,
                                                    @Valid @RequestBody AcceptTermsBody body) {
        if (!PersonIds.isValid(personId)) {
            throw Persons.personNotFound(personId);
        }
        PersonView accepted = persons.send(personId,
                new AcceptPersonTermsCommand(personId, body.acceptedBy().strip(), body.documents()));
        PersonJson person = PersonJson.of(accepted, termsInForce.versions());
        return ResponseEntity.status(HttpStatus.CREATED).body(new TermsAcceptanceJson(personId,
                body.acceptedBy().strip(), actor.name(), accepted.asOf(), new TreeMap<>(body.documents()),
                person.termsAccepted(), person.missingTerms(), person.outdatedTerms()));
    }
}
