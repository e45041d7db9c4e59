package com.quotaledger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The domain's packages depend on each other in one direction only: what several aggregates share (reason codes,
 * request ids, ids, the terms documents) has a home of its own rather than one aggregate's contract.
 */
@AnalyzeClasses(packages = "com.quotaledger", importOptions = ImportOption.DoNotIncludeTests.class)
class PackagesDependOnEachOtherWithoutCycles {

    static final ArchRule NO_CYCLES = slices().matching("com.quotaledger.(**)").should().beFreeOfCycles()
            .because("a package that depends on itself through others cannot be read or changed on its own");

    @ArchTest
    static final ArchRule packagesFormNoCycle = NO_CYCLES;

    @ArchTest
    static void theRuleWouldSeeACycle(JavaClasses ignored) {
        JavaClasses withACycle = new ClassFileImporter().importPackages("com.quotaledger.cycle");

        assertThatThrownBy(() -> NO_CYCLES.check(withACycle)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }
}
