package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.PersonRequests.affiliated;
import static com.quotaledger.api.PersonRequests.export;
import static com.quotaledger.api.Requests.share;
import static com.quotaledger.api.kafka.Broker.credential;
import static com.quotaledger.api.kafka.Broker.typed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever can write to the requests topic acts only as the API token its record carries: a record without one, or
 * with one the ledger does not know, goes to the dead-letter topic as {@code UNAUTHENTICATED}; one whose token's roles
 * may not make the request as {@code FORBIDDEN}; one for a recipient its token may not act for as
 * {@code FORBIDDEN_RECIPIENT}. None changes anything, and no dead letter carries the credential. A record with a good
 * token is decided with that token's name as the actor.
 */
@LedgerOnKafka
@TestPropertySource(properties = {
        "ledger.security.tokens[0].name=ops",
        "ledger.security.tokens[0].roles=ADMIN",
        "ledger.security.tokens[0].sha256=8990dd2c6b6eba09c001903bbadc35fd6a158b1f72905468f3a925cd6250b676",
        "ledger.security.tokens[1].name=acme-producer",
        "ledger.security.tokens[1].roles=EXPORTER",
        "ledger.security.tokens[1].sha256=7f892f664df9ac008a13a438d31451ee20671f356b3e10dae2a757086808df78",
        "ledger.security.tokens[1].recipients=acme",
        "ledger.security.tokens[2].name=auditor-producer",
        "ledger.security.tokens[2].roles=AUDITOR",
        "ledger.security.tokens[2].sha256=1e147ee09ced703642341ec4e3ceb85c5ab7007c7eba88c21a82fcf7a8b890b1"})
class KafkaRequestsActOnlyAsTheirToken {

    private static final String PRODUCER_TOKEN = "acme-producer-secret";

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
    void aRecordIsDecidedOnlyForWhatItsTokenMayDo() {
        rest.registerWithAllTerms("acme");
        rest.registerWithAllTerms("globex");
        affiliated(rest, "globex", "globex-analyst");
        String theirs = typed("SHARE_IDS", share("stolen-1", "globex", 1_000));
        record Refused(List<Header> headers, String value, String reason) {
        }
        List<Refused> refused = List.of(
                new Refused(List.of(), theirs, "UNAUTHENTICATED"),
                new Refused(List.of(header("Authorization", "Bearer not-a-token")), theirs, "UNAUTHENTICATED"),
                new Refused(List.of(header("Authorization", PRODUCER_TOKEN)), theirs, "UNAUTHENTICATED"),
                new Refused(List.of(header("Authorization", "Basic " + PRODUCER_TOKEN)), theirs, "UNAUTHENTICATED"),
                new Refused(List.of(header("authorization", "Bearer " + PRODUCER_TOKEN)), theirs, "UNAUTHENTICATED"),
                new Refused(List.of(credential("auditor-producer-secret")), theirs, "FORBIDDEN"),
                new Refused(List.of(credential(PRODUCER_TOKEN)), theirs, "FORBIDDEN_RECIPIENT"),
                new Refused(List.of(credential(PRODUCER_TOKEN)),
                        typed("OBJECT_EXPORT", export("stolen-2", "globex-analyst", 10, 0)), "FORBIDDEN_RECIPIENT"));
        String globexBefore = rest.get("/api/v1/audit/recipients/globex/history").body();
        String analystBefore = rest.get("/api/v1/audit/persons/globex-analyst/history").body();

        for (Refused record : refused) {
            broker.sendExactly("ledger.requests", "tokens", record.value(), record.headers());
        }
        broker.sendExactly("ledger.requests", "tokens", typed("SHARE_IDS", share("acme-1", "acme", 1_000)),
                List.of(credential(PRODUCER_TOKEN), header("trace", "t-7")));

        assertThat(broker.first("ledger.decisions", "\"acme-1\"").value()).contains("\"status\":201");
        List<ConsumerRecord<String, String>> dead = broker.readUntil("ledger.requests.DLT",
                read -> read.size() >= refused.size());
        assertThat(dead).extracting(record -> Broker.header(record, "ledger-dlt-reason"))
                .containsExactlyElementsOf(refused.stream().map(Refused::reason).toList());
        assertThat(dead).extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(refused.stream().map(Refused::value).toList());
        for (ConsumerRecord<String, String> letter : dead) {
            assertThat(Broker.header(letter, "Authorization")).isNull();
            List<String> headerValues = new ArrayList<>();
            letter.headers().forEach(header -> headerValues.add(new String(header.value(), StandardCharsets.UTF_8)));
            assertThat(headerValues).noneMatch(value -> value.contains("secret"));
        }
        assertThat(broker.readUntil("ledger.decisions", read -> !read.isEmpty())).extracting(ConsumerRecord::value)
                .noneMatch(value -> value.contains("stolen-"));

        assertThat(rest.get("/api/v1/audit/recipients/globex/history").body()).isEqualTo(globexBefore);
        assertThat(rest.get("/api/v1/audit/persons/globex-analyst/history").body()).isEqualTo(analystBefore);
        List<String> acmeActors = new ArrayList<>();
        rest.get("/api/v1/audit/recipients/acme/history").json().path("events")
                .forEach(event -> acmeActors.add(event.path("type").asText() + " by " + event.path("actor").asText()));
        assertThat(acmeActors).contains("ShareGranted by token:acme-producer");
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
