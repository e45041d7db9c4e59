package com.quotaledger.person;

import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.AffiliationNotFoundException;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.PersonJoinedRecipientEvent;
import com.quotaledger.recipient.api.PersonLeftRecipientEvent;
import com.quotaledger.recipient.api.RecipientView;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

class EndingAnAffiliationRecordsItInBothHistories {

    private static final Instant JOINED_AT = START.plus(Duration.ofHours(1));
    private static final Instant LEFT_AT = START.plus(Duration.ofHours(2));

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());

    @BeforeEach
    void aPersonInAnEntity() {
        ledger.send(register(RECIPIENT_ID));
        ledger.send(register(OTHER_RECIPIENT_ID));
        clock.set(JOINED_AT);
        ledger.send(affiliate(RECIPIENT_ID));
        clock.set(LEFT_AT);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void endingRecordsItInThePersonsHistoryAndInTheEntitys() {
        ledger.send(endAffiliation(RECIPIENT_ID));

        assertThat(personEvents()).containsExactly(affiliated(RECIPIENT_ID, JOINED_AT),
                affiliationEnded(RECIPIENT_ID, LEFT_AT));
        assertThat(ledger.storage().eventPayloads(RECIPIENT_ID)).endsWith(
                new PersonJoinedRecipientEvent(RECIPIENT_ID, PERSON_ID, JOINED_AT),
                new PersonLeftRecipientEvent(RECIPIENT_ID, PERSON_ID, LEFT_AT));
        assertThat(ledger.<PersonView>send(describePerson()).recipientId()).isNull();
        assertThat(ledger.<RecipientView>send(describeRecipient(RECIPIENT_ID)).persons()).isEmpty();
    }

    @Test
    void endingAnAffiliationWithAnotherEntityIsRefusedAndChangesNothing() {
        List<Object> personBefore = personEvents();
        List<Object> otherBefore = ledger.storage().eventPayloads(OTHER_RECIPIENT_ID);

        assertThatThrownBy(() -> ledger.send(endAffiliation(OTHER_RECIPIENT_ID)))
                .isInstanceOf(AffiliationNotFoundException.class);

        assertThat(personEvents()).isEqualTo(personBefore);
        assertThat(ledger.storage().eventPayloads(OTHER_RECIPIENT_ID)).isEqualTo(otherBefore);
        assertThat(ledger.<PersonView>send(describePerson()).recipientId()).isEqualTo(RECIPIENT_ID);
    }

    @Test
    void endingTwiceIsRefusedTheSecondTime() {
        ledger.send(endAffiliation(RECIPIENT_ID));
        List<Object> recipientBefore = ledger.storage().eventPayloads(RECIPIENT_ID);

        assertThatThrownBy(() -> ledger.send(endAffiliation(RECIPIENT_ID)))
                .isInstanceOf(AffiliationNotFoundException.class);

        assertThat(personEvents()).hasSize(2);
        assertThat(ledger.storage().eventPayloads(RECIPIENT_ID)).isEqualTo(recipientBefore);
    }

    @Test
    void aPersonTheLedgerNeverSawHasNoAffiliationToEnd() {
        assertThatThrownBy(() -> ledger.send(new EndAffiliationCommand("nobody", RECIPIENT_ID)))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    private List<Object> personEvents() {
        return ledger.storage().eventPayloads(PERSON_AGGREGATE_ID);
    }
}
