package com.quotaledger.api;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a random port, on a data directory of its own that no other test class sees, closed when
 * the class is done. Its tests get a {@link LedgerClient} for it ({@link LedgerClients}).
 * <p>
 * The directory is an inlined property rather than a {@code @DynamicPropertySource}: the H2 URL is derived from
 * {@code ledger.data-dir} by an environment post-processor, which runs before dynamic properties exist. A random
 * value is resolved once, when the URL is derived.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.data-dir=target/ledger-data/${random.uuid}")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(LedgerClients.class)
public @interface FreshLedger {
}
