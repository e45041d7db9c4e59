package com.quotaledger;

import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.RecipientEntity;
import com.quotaledger.recipient.api.ShareRequest;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AnalyzeClasses(packages = "com.quotaledger", importOptions = ImportOption.DoNotIncludeTests.class)
class TheDomainDependsOnNeitherSpringNorPersistence {

    @ArchTest
    static final ArchRule noSpringNoPersistence = noClasses()
            .that().resideInAPackage("com.quotaledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "javax.persistence..", "org.hibernate..")
            .because("the domain is plain Java and Axon; Spring and the database belong to the application");

    @ArchTest
    static void theRuleLooksAtTheDomainsOwnClasses(JavaClasses classes) {
        assertThat(classes.contain(RecipientEntity.class)).isTrue();
        assertThat(classes.contain(ShareRequest.class)).isTrue();
        assertThat(classes.contain(RedistributionPolicy.class)).isTrue();
        assertThat(classes.stream().filter(javaClass -> javaClass.getSource().map(source ->
                source.getUri().toString().contains("test-classes")).orElse(false))).isEmpty();
    }

    @ArchTest
    static void theRuleSeesDependenciesOnLibrariesOutsideTheImport(JavaClasses classes) {
        ArchRule noAxon = noClasses().that().resideInAPackage("com.quotaledger..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..");

        assertThatThrownBy(() -> noAxon.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RecipientEntity");
    }
}
