package com.quotaledger.exemption.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AValidityHoldsFromItsStartUntilItsEndOrRevocation {

    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2025-06-01T00:00:00Z");
    private static final Validity VALIDITY = Validity.between(FROM, UNTIL);

    @Test
    void itHoldsFromValidFromOn() {
        assertThat(VALIDITY.holdsAt(FROM.minusNanos(1))).isFalse();
        assertThat(VALIDITY.holdsAt(FROM)).isTrue();
    }

    @Test
    void itHoldsUntilJustBeforeValidUntil() {
        assertThat(VALIDITY.holdsAt(UNTIL.minusNanos(1))).isTrue();
        assertThat(VALIDITY.holdsAt(UNTIL)).isFalse();
    }

    @Test
    void aRevocationCutsItShortFromTheInstantOfTheRevocation() {
        Instant revokedAt = Instant.parse("2025-04-01T00:00:00Z");
        Validity revoked = VALIDITY.revokedAt(revokedAt);

        assertThat(revoked.holdsAt(revokedAt.minusNanos(1))).isTrue();
        assertThat(revoked.holdsAt(revokedAt)).isFalse();
        assertThat(revoked.holdsAt(UNTIL.minusNanos(1))).isFalse();
    }

    @Test
    void aRevocationBeforeValidFromMeansItNeverHolds() {
        Validity revoked = VALIDITY.revokedAt(FROM.minusSeconds(1));

        assertThat(revoked.holdsAt(FROM)).isFalse();
        assertThat(revoked.holdsAt(UNTIL.minusNanos(1))).isFalse();
    }

    @Test
    void theFirstRevocationStands() {
        Instant first = Instant.parse("2025-04-01T00:00:00Z");

        assertThat(VALIDITY.revokedAt(first).revokedAt(first.plusSeconds(60)).revokedAt()).isEqualTo(first);
        assertThat(VALIDITY.revokedAt(first).revokedAt(first.minusSeconds(60)).revokedAt()).isEqualTo(first);
    }

    @Test
    void validFromMustBeBeforeValidUntil() {
        assertThatThrownBy(() -> Validity.between(UNTIL, FROM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Validity.between(FROM, FROM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Validity.between(null, UNTIL)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Validity.between(FROM, null)).isInstanceOf(NullPointerException.class);
    }
}
