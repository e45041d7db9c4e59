package com.quotaledger.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The message contract depends on nothing of the ledger's; the domain knows nothing of Spring, storage or the web;
 * projections and the web layer see recipients only through their messages.
 */
class LayersDependOnlyOnWhatTheyMay {

    private static JavaClasses ledger;

    @BeforeAll
    static void importTheLedger() {
        ledger = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.quotaledger");
    }

    @Test
    void theDomainKnowsNothingOfSpringStorageOrTheWeb() {
        noClasses().that().resideInAnyPackage("com.quotaledger.recipient..", "com.quotaledger.policy..",
                        "com.quotaledger.decision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "java.sql..", "javax.sql..", "com.quotaledger.api..", "com.quotaledger.requests..")
                .check(ledger);
    }

    @Test
    void theMessageContractDependsOnNoOtherPartOfTheLedger() {
        noClasses().that().resideInAPackage("com.quotaledger.recipient.api..")
                .should().dependOnClassesThat().resideInAnyPackage("com.quotaledger.recipient",
                        "com.quotaledger.policy..", "com.quotaledger.api..", "com.quotaledger.requests..")
                .check(ledger);
    }

    @Test
    void projectionsSeeDecisionsNotAggregates() {
        noClasses().that().resideInAPackage("com.quotaledger.requests..")
                .should().dependOnClassesThat().resideInAnyPackage("com.quotaledger.recipient",
                        "com.quotaledger.api..")
                .check(ledger);
    }

    @Test
    void theWebLayerTalksToRecipientsOnlyThroughMessages() {
        noClasses().that().resideInAnyPackage("com.quotaledger.api.share..", "com.quotaledger.api.recipient..",
                        "com.quotaledger.api.clock..", "com.quotaledger.api.web..")
                .should().dependOnClassesThat().resideInAPackage("com.quotaledger.recipient")
                .check(ledger);
    }
}
