package com.quotaledger.api;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * On PostgreSQL, each test run begins by dropping the schemas of the run before. They are left in place until then,
 * so that a failed run's ledgers can be inspected.
 */
public final class TestStoreSchemas implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (TestStore.current() == TestStore.POSTGRESQL) {
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
}
