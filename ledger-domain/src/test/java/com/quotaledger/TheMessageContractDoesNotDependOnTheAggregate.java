package com.quotaledger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AnalyzeClasses(packages = "com.quotaledger", importOptions = ImportOption.DoNotIncludeTests.class)
class TheMessageContractDoesNotDependOnTheAggregate {

    @ArchTest
    static final ArchRule contractKnowsNoAggregate = noClasses()
            .that().resideInAPackage("com.quotaledger.recipient.api..")
            .should().dependOnClassesThat().resideInAPackage("com.quotaledger.recipient")
            .because("commands, events and views are the contract that other modules read; the aggregate is not");

    @ArchTest
    static final ArchRule noContractKnowsAnAggregate = noClasses()
            .that().resideInAnyPackage("com.quotaledger.recipient.api..", "com.quotaledger.person.api..",
                    "com.quotaledger.exemption.api..")
            .should().dependOnClassesThat().resideInAnyPackage("com.quotaledger.recipient", "com.quotaledger.person")
            .because("the contracts of persons and exemptions are read by other modules too, and name no aggregate");

    @ArchTest
    static void theRuleWouldSeeADependencyOfThePersonOnItsContract(JavaClasses classes) {
        ArchRule personKnowsNoContract = noClasses()
                .that().resideInAPackage("com.quotaledger.person")
                .should().dependOnClassesThat().resideInAPackage("com.quotaledger.person.api..");

        assertThatThrownBy(() -> personKnowsNoContract.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Person");
    }

    @ArchTest
    static void theRuleWouldSeeADependencyBetweenTheTwoPackages(JavaClasses classes) {
        ArchRule aggregateKnowsNoContract = noClasses()
                .that().resideInAPackage("com.quotaledger.recipient")
                .should().dependOnClassesThat().resideInAPackage("com.quotaledger.recipient.api..");

        assertThatThrownBy(() -> aggregateKnowsNoContract.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RecipientEntity");
    }
}
