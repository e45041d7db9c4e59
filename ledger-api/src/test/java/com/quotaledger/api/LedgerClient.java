package com.quotaledger.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to a running ledger over plain HTTP, as any client would. Every answer is checked for leaked internals: no
 * answer of the ledger may carry a stack trace, a Java class name or SQL. The one exception is the Prometheus metrics
 * that operators read with an auditor's or administrator's token, which name the JVM's parts.
 */
public final class LedgerClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final String METRICS = "/actuator/prometheus";

    /** Every request and every connection attempt is bounded, so a hung ledger fails a test instead of stalling it. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern INTERNALS = Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.axonframework|org\\.springframework|org\\.h2|"
                    + "com\\.zaxxer|com\\.quotaledger|Exception|\\tat |SQL|SELECT |INSERT |UPDATE |DELETE FROM",
            Pattern.CASE_INSENSITIVE);

    /** One answer: status, headers and the body exactly as it arrived. */
    public record Answer(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** The administrator token of every ledger a test starts, unless the test configures tokens of its own. */
    public static final String ADMIN_TOKEN = "test-administrator-token-of-this-ledger";

    private final HttpClient http;
    private final URI base;
    private final String token;

    /** A client with the administrator token. */
    public LedgerClient(int port) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), port);
    }

    public LedgerClient(HttpClient http, int port) {
        this(http, URI.create("http://localhost:" + port), ADMIN_TOKEN);
    }

    private LedgerClient(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The port the ledger listens on. */
    public int port() {
        return base.getPort();
    }

    /** The same ledger called with {@code token} as the bearer token, or with none when it is null. */
    public LedgerClient as(String token) {
        return new LedgerClient(http, base, token);
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** A GET with extra headers, given as name, value, name, value... */
    public Answer get(String path, String... headers) {
        return send(headers.length == 0 ? request(path).GET() : request(path).headers(headers).GET());
    }

    public Answer post(String path, String json) {
        return post(path, "application/json", json);
    }

    public Answer post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /**
     * Any method with any bytes as its body, as a careless client might send; {@code chunked} hides the body's
     * length, so that the server learns it only by reading.
     */
    public Answer raw(String method, String path, String contentType, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(request(path).header("Content-Type", contentType).method(method, publisher));
    }

    /** A request without a body, with extra headers given as name, value, name, value... */
    public Answer send(String method, String path, String... headers) {
        HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    public Answer share(String json) {
        return post("/api/v1/shares", json);
    }

    /** A share that may go unanswered because the ledger died: empty when no answer arrived. */
    public Optional<Answer> shareUnlessDown(String json) {
        try {
            return Optional.of(share(json));
        } catch (AssertionError failed) {
            if (failed.getCause() instanceof IOException) {
                return Optional.empty();
            }
            throw failed;
        }
    }

    public Answer quota(String recipientId) {
        return get("/api/v1/recipients/" + recipientId + "/quota");
    }

    /** Registers a recipient that has accepted all four documents, so that shares to it are decided on the quota. */
    public void registerWithAllTerms(String recipientId) {
        Answer registered = post("/api/v1/recipients", Requests.registration(recipientId));
        assertThat(registered.status()).as("registering %s: %s", recipientId, registered).isEqualTo(201);
        Answer accepted = post("/api/v1/recipients/" + recipientId + "/terms-acceptances", Requests.allTerms());
        assertThat(accepted.status()).as("accepting terms for %s: %s", recipientId, accepted).isEqualTo(201);
    }

    /** Advances the test clock and returns where it now stands. */
    public Instant advanceClock(String isoDuration) {
        Answer advanced = post("/api/v1/test-clock/advance", "{\"duration\":\"" + isoDuration + "\"}");
        assertThat(advanced.status()).as("advancing the clock by %s: %s", isoDuration, advanced).isEqualTo(200);
        return Instant.parse(advanced.json().get("now").asText());
    }

    public Instant clockNow() {
        Answer now = get("/api/v1/test-clock");
        assertThat(now.status()).as("reading the test clock: %s", now).isEqualTo(200);
        return Instant.parse(now.json().get("now").asText());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(built.method() + " " + built.uri() + " was interrupted", e);
        }
        Answer answer = new Answer(response.statusCode(), response.headers(), response.body());
        boolean metrics = answer.status() == 200 && built.uri().getPath().equals(METRICS);
        assertThat(!metrics && INTERNALS.matcher(answer.body()).find())
                .as("%s %s answered with internals: %s", built.method(), built.uri(), answer)
                .isFalse();
        return answer;
    }
}
