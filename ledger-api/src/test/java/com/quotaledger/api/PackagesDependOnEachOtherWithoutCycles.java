package com.quotaledger.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's packages depend on each other in one direction only, as the domain's and the read models' do: the web
 * basics and the settings at the bottom, then security, the command path, storage and the aggregates' wiring, then
 * the capabilities, and the Kafka bridge on top of the decisions it shares with REST.
 */
@AnalyzeClasses(packages = "com.quotaledger", importOptions = MainClassesOnly.class)
class PackagesDependOnEachOtherWithoutCycles {

    static final ArchRule NO_CYCLES = slices().matching("com.quotaledger.(**)").should().beFreeOfCycles()
            .because("a package that depends on itself through others cannot be read or changed on its own");

    @ArchTest
    static final ArchRule packagesFormNoCycle = NO_CYCLES;

    @ArchTest
    static void theRuleWouldSeeACycle(JavaClasses ignored) {
        JavaClasses withACycle = new ClassFileImporter().importPackages("com.quotaledger.api.cycle");

        assertThatThrownBy(() -> NO_CYCLES.check(withACycle)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }
}
