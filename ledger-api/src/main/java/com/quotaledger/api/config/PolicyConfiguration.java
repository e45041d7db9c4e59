package com.quotaledger.api.config;

import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.terms.RecordedTermsVersions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules decisions apply, from the {@code ledger.policy} settings. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    RedistributionPolicy redistributionPolicy(LedgerProperties properties) {
        return properties.policy().toRedistributionPolicy();
    }

    @Bean
    ObjectExportPolicy objectExportPolicy(LedgerProperties properties) {
        return properties.policy().toObjectExportPolicy();
    }

    @Bean
    TermsPolicy termsPolicy(LedgerProperties properties) {
        return properties.policy().toTermsPolicy();
    }

    /** The versions decisions hold accepted terms against: configured, and recorded on any node. */
    @Bean
    RecordedTermsVersions termsInForce(ObjectProvider<EventStore> eventStore, TermsPolicy termsPolicy,
                                       LedgerProperties properties) {
        return new RecordedTermsVersions(eventStore::getObject, termsPolicy,
                properties.policy().terms().refreshInterval(), System::nanoTime);
    }
}
