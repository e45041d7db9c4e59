package com.quotaledger.api;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.Optional;

/**
 * On PostgreSQL, each test run begins by checking that the server is there, then drops the schemas of this checkout's
 * run before. They are left in place until then, so that a failed run's ledgers can be inspected; another checkout's
 * schemas, perhaps in use by a run of its own, are not touched.
 */
public final class TestStoreSchemas implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (TestStore.current() != TestStore.POSTGRESQL) {
            return;
        }
        Optional<String> unavailable = TestStore.postgresqlUnavailable();
        if (unavailable.isPresent()) {
            if (TestStore.postgresqlRequired()) {
                throw new IllegalStateException("LEDGER_TEST_POSTGRESQL=required, but there is "
                        + unavailable.get());
            }
            System.err.printf("%n*** The PostgreSQL run is skipped: %s. Start PostgreSQL or set "
                    + "LEDGER_TEST_POSTGRESQL_URL (docs/testing.md). ***%n%n", unavailable.get());
            return;
        }
        TestStore.execute("""
                    DO $$
                    DECLARE stale record;
                    BEGIN
                        FOR stale IN SELECT nspname FROM pg_namespace WHERE starts_with(nspname, '%s') LOOP
                            EXECUTE format('DROP SCHEMA %%I CASCADE', stale.nspname);
                        END LOOP;
                    END $$""".formatted(TestStore.SCHEMA_PREFIX));
    }
}
