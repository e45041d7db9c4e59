package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.quotaledger.api.Requests.share;
import static com.quotaledger.api.kafka.Broker.typed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that REST would answer with a 400 goes to the dead-letter topic as it came, with why in its headers, and
 * the records after it on the same partition are still decided.
 */
@LedgerOnKafka
class UndecidableRequestsGoToTheDeadLetterTopicWithoutBlocking {

    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    LedgerClient rest;
    Broker broker;

    @BeforeEach
    void connect() {
        broker = new Broker(embeddedKafka);
    }

    @AfterEach
    void disconnect() {
        broker.close();
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheRecordsAfterThemDecided() {
        rest.registerWithAllTerms("dlt");
        List<String> poison = List.of(
                "not json",
                "{\"type\":\"NO_SUCH_TYPE\",\"requestId\":\"p-2\"}",
                "{\"type\":\"SHARE_IDS\",\"requestId\":\"p-3\",\"recipientId\":\"dlt\",\"userIdCount\":0,\"directMessageIdCount\":0}",
                typed("SHARE_IDS", share("p-4", "dlt", 1)).replace("\"postIdCount\":1", "\"postIdCount\":\"many\""),
                typed("SHARE_IDS", share("p-5", "dlt", 0)));
        for (String value : poison) {
            broker.send("ledger.requests", "dlt", value,
                    new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8)));
        }
        broker.send("ledger.requests", "dlt", typed("SHARE_IDS", share("after-poison", "dlt", 5)));

        assertThat(broker.first("ledger.decisions", "\"after-poison\"").value()).contains("\"status\":201");
        List<ConsumerRecord<String, String>> dead = broker.readUntil("ledger.requests.DLT",
                read -> read.size() >= poison.size());
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyElementsOf(poison);
        assertThat(dead).extracting(ConsumerRecord::key).containsOnly("dlt");
        assertThat(dead).extracting(record -> Broker.header(record, "trace")).containsOnly("t-1");
        assertThat(dead).extracting(record -> Broker.header(record, "ledger-dlt-reason"))
                .containsExactly("MALFORMED_JSON", "UNKNOWN_TYPE", "INVALID_FIELD", "INVALID_FIELD", "INVALID_FIELD");
        assertThat(dead).extracting(record -> Broker.header(record, "ledger-dlt-detail"))
                .allSatisfy(detail -> assertThat(detail).isNotBlank());
        assertThat(Broker.header(dead.get(2), "ledger-dlt-detail")).contains("postIdCount");
        assertThat(Broker.header(dead.get(3), "ledger-dlt-detail")).contains("postIdCount");
    }
}
