package com.quotaledger.api;

import com.quotaledger.terms.TermsCatalog;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The message contract depends on nothing of the ledger's; the domain knows nothing of Spring, storage or the web;
 * read models and the service see aggregates only through their messages, except where the service wires them; no
 * transport reaches the decisions through Spring MVC's handlers.
 */
@AnalyzeClasses(packages = "com.quotaledger", importOptions = MainClassesOnly.class)
class LayersDependOnlyOnWhatTheyMay {

    private static final String[] AGGREGATES = {"com.quotaledger.recipient", "com.quotaledger.person"};

    static final ArchRule DOMAIN_KNOWS_NOTHING_OF_SPRING_STORAGE_OR_THE_WEB = noClasses().that()
            .resideInAnyPackage("com.quotaledger.recipient..", "com.quotaledger.person..",
                    "com.quotaledger.exemption..", "com.quotaledger.terms..", "com.quotaledger.policy..",
                    "com.quotaledger.decision..", "com.quotaledger.ids..", "com.quotaledger.caching..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "java.sql..", "javax.sql..", "com.quotaledger.api..", "com.quotaledger.requests..",
                    "com.quotaledger.audit..", "com.quotaledger.reports..", "com.quotaledger.readmodels..");

    static final ArchRule READ_MODELS_SEE_DECISIONS_NOT_AGGREGATES = noClasses().that()
            .resideInAnyPackage("com.quotaledger.requests..", "com.quotaledger.audit..",
                    "com.quotaledger.reports..", "com.quotaledger.readmodels..")
            .should().dependOnClassesThat().resideInAnyPackage(AGGREGATES)
            .orShould().dependOnClassesThat().belongToAnyOf(TermsCatalog.class)
            .orShould().dependOnClassesThat().resideInAPackage("com.quotaledger.api..");

    static final ArchRule ONLY_THE_WIRING_OF_THE_SERVICE_SEES_AGGREGATES = noClasses().that()
            .resideInAPackage("com.quotaledger.api..").and().resideOutsideOfPackage("com.quotaledger.api.aggregates")
            .should().dependOnClassesThat().resideInAnyPackage(AGGREGATES)
            .orShould().dependOnClassesThat().belongToAnyOf(TermsCatalog.class)
            .because("the service sends aggregates commands; only com.quotaledger.api.aggregates builds them");

    static final ArchRule NOTHING_CALLS_SPRING_MVC_HANDLERS = noClasses()
            .should().dependOnClassesThat().belongToAnyOf(HandlerMapping.class, RequestMappingHandlerMapping.class,
                    RequestMappingHandlerAdapter.class, InvocableHandlerMethod.class)
            .because("every transport decides through the same decision services; Spring MVC only serves REST");

    @ArchTest
    static final ArchRule theDomainKnowsNothingOfSpringStorageOrTheWeb =
            DOMAIN_KNOWS_NOTHING_OF_SPRING_STORAGE_OR_THE_WEB;

    @ArchTest
    static final ArchRule theMessageContractDependsOnNoOtherPartOfTheLedger = noClasses().that()
            .resideInAnyPackage("com.quotaledger.recipient.api..", "com.quotaledger.person.api..",
                    "com.quotaledger.terms.api..")
            .should().dependOnClassesThat().resideInAnyPackage(AGGREGATES)
            .orShould().dependOnClassesThat().resideInAnyPackage("com.quotaledger.policy..",
                    "com.quotaledger.api..", "com.quotaledger.requests..");

    @ArchTest
    static final ArchRule readModelsSeeDecisionsNotAggregates = READ_MODELS_SEE_DECISIONS_NOT_AGGREGATES;

    @ArchTest
    static final ArchRule onlyTheWiringOfTheServiceSeesAggregates = ONLY_THE_WIRING_OF_THE_SERVICE_SEES_AGGREGATES;

    @ArchTest
    static final ArchRule nothingCallsSpringMvcHandlers = NOTHING_CALLS_SPRING_MVC_HANDLERS;

    @ArchTest
    static void eachRuleSeesAViolation(JavaClasses ignored) {
        assertViolated(DOMAIN_KNOWS_NOTHING_OF_SPRING_STORAGE_OR_THE_WEB, "com.quotaledger.policy.violation");
        assertViolated(READ_MODELS_SEE_DECISIONS_NOT_AGGREGATES, "com.quotaledger.reports.violation");
        assertViolated(ONLY_THE_WIRING_OF_THE_SERVICE_SEES_AGGREGATES, "com.quotaledger.api.violation");
        assertViolated(NOTHING_CALLS_SPRING_MVC_HANDLERS, "com.quotaledger.api.violation");
    }

    private static void assertViolated(ArchRule rule, String violatingPackage) {
        JavaClasses violations = new ClassFileImporter().importPackages(violatingPackage);
        assertThatThrownBy(() -> rule.check(violations)).as(violatingPackage).isInstanceOf(AssertionError.class)
                .hasMessageContaining(violatingPackage);
    }
}
