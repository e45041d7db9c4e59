package com.quotaledger.person;

import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.PersonAffiliatedElsewhereException;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.PersonJoinedRecipientEvent;
import com.quotaledger.recipient.api.RecipientView;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.quotaledger.person.PersonExamples.OTHER_RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.PERSON_AGGREGATE_ID;
import static com.quotaledger.person.PersonExamples.PERSON_ID;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.affiliate;
import static com.quotaledger.person.PersonExamples.affiliated;
import static com.quotaledger.person.PersonExamples.affiliationEnded;
import static com.quotaledger.person.PersonExamples.describePerson;
import static com.quotaledger.person.PersonExamples.describeRecipient;
import static com.quotaledger.person.PersonExamples.endAffiliation;
import static com.quotaledger.person.PersonExamples.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AffiliatingAPersonRecordsItInBothHistories {

    private static final Instant JOINED_AT = START.plus(Duration.ofHours(1));
    private static final Instant LATER = START.plus(Duration.ofHours(2));

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());

    @BeforeEach
    void twoEntities() {
        ledger.send(register(RECIPIENT_ID));
        ledger.send(register(OTHER_RECIPIENT_ID));
        clock.set(JOINED_AT);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void theFirstAffiliationCreatesThePersonAndRecordsItInBothHistories() {
        ledger.send(affiliate(RECIPIENT_ID));

        assertThat(personEvents()).containsExactly(affiliated(RECIPIENT_ID, JOINED_AT));
        assertThat(recipientEvents(RECIPIENT_ID)).last()
                .isEqualTo(new PersonJoinedRecipientEvent(RECIPIENT_ID, PERSON_ID, JOINED_AT));
        assertThat(this.<PersonView>describe().recipientId()).isEqualTo(RECIPIENT_ID);
        assertThat(this.<RecipientView>send(describeRecipient(RECIPIENT_ID)).persons()).isEqualTo(Set.of(PERSON_ID));
    }

    @Test
    void affiliatingAgainWithTheSameEntityChangesNothing() {
        ledger.send(affiliate(RECIPIENT_ID));
        List<Object> personBefore = personEvents();
        List<Object> recipientBefore = recipientEvents(RECIPIENT_ID);
        clock.set(LATER);

        ledger.send(affiliate(RECIPIENT_ID));

        assertThat(personEvents()).isEqualTo(personBefore);
        assertThat(recipientEvents(RECIPIENT_ID)).isEqualTo(recipientBefore);
    }

    @Test
    void aPersonWithAnEntityCannotJoinAnother() {
        ledger.send(affiliate(RECIPIENT_ID));
        List<Object> otherBefore = recipientEvents(OTHER_RECIPIENT_ID);
        clock.set(LATER);

        assertThatThrownBy(() -> ledger.send(affiliate(OTHER_RECIPIENT_ID)))
                .isInstanceOfSatisfying(PersonAffiliatedElsewhereException.class, e -> {
                    assertThat(e.personId()).isEqualTo(PERSON_ID);
                    assertThat(e.recipientId()).isEqualTo(RECIPIENT_ID);
                });

        assertThat(personEvents()).containsExactly(affiliated(RECIPIENT_ID, JOINED_AT));
        assertThat(recipientEvents(OTHER_RECIPIENT_ID)).isEqualTo(otherBefore);
        assertThat(this.<RecipientView>send(describeRecipient(OTHER_RECIPIENT_ID)).persons()).isEmpty();
        assertThat(this.<PersonView>describe().recipientId()).isEqualTo(RECIPIENT_ID);
    }

    @Test
    void afterLeavingOneEntityThePersonMayJoinAnother() {
        ledger.send(affiliate(RECIPIENT_ID));
        ledger.send(endAffiliation(RECIPIENT_ID));
        clock.set(LATER);

        ledger.send(affiliate(OTHER_RECIPIENT_ID));

        assertThat(personEvents()).containsExactly(affiliated(RECIPIENT_ID, JOINED_AT),
                affiliationEnded(RECIPIENT_ID, JOINED_AT), affiliated(OTHER_RECIPIENT_ID, LATER));
        assertThat(recipientEvents(OTHER_RECIPIENT_ID)).last()
                .isEqualTo(new PersonJoinedRecipientEvent(OTHER_RECIPIENT_ID, PERSON_ID, LATER));
        assertThat(this.<RecipientView>send(describeRecipient(RECIPIENT_ID)).persons()).isEmpty();
        assertThat(this.<RecipientView>send(describeRecipient(OTHER_RECIPIENT_ID)).persons())
                .isEqualTo(Set.of(PERSON_ID));
    }

    @Test
    void anUnknownEntityLeavesNoPersonBehind() {
        assertThatThrownBy(() -> ledger.send(affiliate("no-such-entity")))
                .isInstanceOf(AggregateNotFoundException.class);

        assertThat(personEvents()).isEmpty();
        assertThatThrownBy(() -> ledger.send(describePerson())).isInstanceOf(AggregateNotFoundException.class);

        clock.set(LATER);
        ledger.send(affiliate(RECIPIENT_ID));
        assertThat(personEvents()).containsExactly(affiliated(RECIPIENT_ID, LATER));
        assertThat(ledger.lastSequenceNumber(PERSON_AGGREGATE_ID)).isZero();
    }

    @Test
    void theAffiliationTakesTheLedgersTimeToTheMillisecond() {
        clock.set(JOINED_AT.plusNanos(1_999_999));

        ledger.send(affiliate(RECIPIENT_ID));

        assertThat(personEvents()).containsExactly(affiliated(RECIPIENT_ID, JOINED_AT.plusMillis(1)));
        assertThat(recipientEvents(RECIPIENT_ID)).last()
                .isEqualTo(new PersonJoinedRecipientEvent(RECIPIENT_ID, PERSON_ID, JOINED_AT.plusMillis(1)));
    }

    @Test
    void withTheClockSteppedBackAReturnTakesTheTimeOfThePersonsLastEvent() {
        ledger.send(affiliate(RECIPIENT_ID));
        clock.set(LATER);
        ledger.send(endAffiliation(RECIPIENT_ID));
        clock.set(JOINED_AT);

        ledger.send(affiliate(OTHER_RECIPIENT_ID));

        assertThat(personEvents()).last().isEqualTo(affiliated(OTHER_RECIPIENT_ID, LATER));
    }

    private List<Object> personEvents() {
        return ledger.storage().eventPayloads(PERSON_AGGREGATE_ID);
    }

    private List<Object> recipientEvents(String recipientId) {
        return ledger.storage().eventPayloads(recipientId);
    }

    private <R> R describe() {
        return ledger.send(describePerson());
    }

    private <R> R send(Object command) {
        return ledger.send(command);
    }
}
