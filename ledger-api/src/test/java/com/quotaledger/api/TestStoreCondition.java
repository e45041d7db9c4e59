package com.quotaledger.api;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reports every test of a PostgreSQL run as skipped, with the reason, when no server is there and none is required
 * (see {@link TestStore}). Registered for every test class through JUnit's extension auto-detection.
 */
public final class TestStoreCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (TestStore.current() != TestStore.POSTGRESQL || TestStore.postgresqlRequired()) {
            return ConditionEvaluationResult.enabled("the test store is there or required");
        }
        return TestStore.postgresqlUnavailable()
                .map(reason -> ConditionEvaluationResult.disabled("PostgreSQL run skipped: " + reason))
                .orElse(ConditionEvaluationResult.enabled("PostgreSQL is there"));
    }
}
