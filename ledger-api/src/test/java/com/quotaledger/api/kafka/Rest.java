package com.quotaledger.api.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's REST API, for setting up recipients and for comparing with what Kafka answers. */
final class Rest {

    record Answer(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String ADMIN_TOKEN = "test-admin-token";

    private final int port;

    Rest(int port) {
        this.port = port;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    void registerWithAllTerms(String recipientId) {
        assertThat(post("/api/v1/recipients", """
                {"recipientId":"%s","name":"%s","kind":"COMPANY"}""".formatted(recipientId, recipientId)).status())
                .isEqualTo(201);
        assertThat(post("/api/v1/recipients/" + recipientId + "/terms-acceptances", """
                {"acceptedBy":"jane@acme.example","documents":{"TERMS_OF_SERVICE":"2025-09",\
                "PRIVACY_POLICY":"2025-09","DEVELOPER_AGREEMENT":"2025-10","DEVELOPER_POLICY":"2025-10"}}""")
                .status()).isEqualTo(201);
    }

    static String share(String requestId, String recipientId, long postIdCount) {
        return """
                {"requestId":"%s","recipientId":"%s","postIdCount":%d,"userIdCount":0,"directMessageIdCount":0}"""
                .formatted(requestId, recipientId, postIdCount);
    }

    static String export(String requestId, String personId, long postObjectCount) {
        return """
                {"requestId":"%s","personId":"%s","postObjectCount":%d,"userObjectCount":0,\
                "channel":"MANUAL_DOWNLOAD","format":"CSV","publicObjectsOnly":true}""".formatted(requestId, personId,
                postObjectCount);
    }

    /** A REST body as a Kafka request record: the same fields and the type that names the endpoint. */
    static String typed(String type, String body) {
        return "{\"type\":\"" + type + "\"," + body.substring(1);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** With the administrator token that every ledger a test starts accepts. */
    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
