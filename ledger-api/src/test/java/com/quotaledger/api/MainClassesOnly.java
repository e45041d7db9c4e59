package com.quotaledger.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * The ledger's main classes, from this module and the modules it depends on: no test classes, whether they come from
 * a test output folder or from another module's test jar.
 */
public final class MainClassesOnly implements ImportOption {

    private static final ImportOption NO_TEST_FOLDERS = new DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return NO_TEST_FOLDERS.includes(location) && !location.contains("-tests.jar");
    }
}
