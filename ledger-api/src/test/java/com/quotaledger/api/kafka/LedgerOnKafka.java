package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClients;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a random port and a data directory of its own, with the Kafka bridge on, against a
 * single-node KRaft broker started for the test class; both are closed when the class is done.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.data-dir=target/ledger-data/${random.uuid}", "ledger.kafka.enabled=true",
                "ledger.kafka.retry-initial-interval=PT0.1S", "ledger.kafka.retry-max-interval=PT1S"})
@EmbeddedKafka(kraft = true, count = 1, partitions = 2,
        topics = {"ledger.requests", "ledger.decisions", "ledger.requests.DLT", "ledger.events"},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(LedgerClients.class)
@interface LedgerOnKafka {
}
