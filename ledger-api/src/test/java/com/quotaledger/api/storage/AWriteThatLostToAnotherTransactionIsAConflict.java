package com.quotaledger.api.storage;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures that mean "another transaction wrote first" are conflicts, so that the command is taken again on
 * fresh state: a duplicate (aggregate, sequence) on H2 and PostgreSQL, and PostgreSQL's deadlock and serialization
 * failures, however deeply wrapped. Any other failure is not, so it is never retried into a different decision.
 */
class AWriteThatLostToAnotherTransactionIsAConflict {

    private final PersistenceExceptionResolver conflicts = new EventStoreConfiguration().persistenceExceptionResolver();

    @Test
    void aDuplicateKeyADeadlockAndASerializationFailureAreConflicts() {
        for (String sqlState : new String[]{"23505", "40P01", "40001"}) {
            assertThat(conflicts.isDuplicateKeyViolation(new SQLException("lost", sqlState))).as(sqlState).isTrue();
            assertThat(conflicts.isDuplicateKeyViolation(new IllegalStateException("wrapped",
                    new RuntimeException(new SQLException("lost", sqlState))))).as("wrapped " + sqlState).isTrue();
        }
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(conflicts.isDuplicateKeyViolation(new SQLException("foreign key", "23503"))).isFalse();
        assertThat(conflicts.isDuplicateKeyViolation(new SQLException("connection lost", "08006"))).isFalse();
        assertThat(conflicts.isDuplicateKeyViolation(new SQLException("no state"))).isFalse();
        assertThat(conflicts.isDuplicateKeyViolation(new IllegalStateException("not SQL"))).isFalse();
    }
}
