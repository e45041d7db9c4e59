package com.quotaledger.api.web;

import com.quotaledger.decision.DenialReason;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the generated OpenAPI description cannot find in the controllers' signatures. */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    /** Every reason a decision may be denied for, from the enum itself, so that a new reason is listed at once. */
    @Bean
    OpenApiCustomizer denialReasons() {
        return openApi -> {
            StringSchema reasons = new StringSchema();
            reasons.setDescription("Why the ledger denied a request: the `reason` of a 422 or 429 problem, the same in "
                    + "REST answers and in the decisions on Kafka. TERMS_OUTDATED problems add `outdatedTerms`, the "
                    + "documents whose accepted version is older than the one in force.");
            for (DenialReason reason : DenialReason.values()) {
                reasons.addEnumItem(reason.name());
            }
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas("DenialReason", reasons);
        };
    }
}
