package com.quotaledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The two systems under measurement, each behind HTTP on this machine so that both pay the same for the trip: the
 * packaged ledger in a JVM of its own, and the SQL baseline served from this JVM.
 */
final class Targets {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "bench-administrator-token-of-the-ledger";

    private Targets() {
    }

    /**
     * A share endpoint over HTTP: the status each request is answered with. A request takes a kept-alive connection
     * that no other request is using, or opens one, and leaves it for the next; so there are never more connections
     * than requests at once, however many thread pools come and go.
     */
    static final class Http implements AutoCloseable {

        private final String name;
        private final InetSocketAddress server;
        private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

        Http(String name, int port) {
            this.name = name;
            this.server = new InetSocketAddress("127.0.0.1", port);
        }

        String name() {
            return name;
        }

        int share(String requestId, String recipientId, long postIds) {
            return post("/api/v1/shares", """
                    {"requestId":"%s","recipientId":"%s","postIdCount":%d,"userIdCount":0,"directMessageIdCount":0}"""
                    .formatted(requestId, recipientId, postIds)).statusCode();
        }

        HttpConnection.Answer post(String path, String json) {
            return exchange("POST", path, json);
        }

        HttpConnection.Answer get(String path) {
            return exchange("GET", path, null);
        }

        private HttpConnection.Answer exchange(String method, String path, String json) {
            HttpConnection connection = idle.pollFirst();
            if (connection == null) {
                connection = new HttpConnection(server);
            }
            try {
                HttpConnection.Answer answer = connection.exchange(method, path, "Bearer " + TOKEN, json);
                idle.offerFirst(connection);
                return answer;
            } catch (IOException e) {
                connection.close();
                throw new UncheckedIOException(e);
            }
        }

        /** Closes the connections, once no request is using any. */
        @Override
        public void close() {
            for (HttpConnection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
                connection.close();
            }
        }
    }

    /** The packaged ledger, started as an operator starts it, with an administrator token for the benchmark. */
    static final class LedgerProcess implements AutoCloseable {

        final Http http;
        private final Process process;

        LedgerProcess(Path jar, Path dataDir, String postgresUrl, Path recording, List<String> settings)
                throws Exception {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-XX:StartFlightRecording=filename=" + recording.toAbsolutePath(),
                    "-jar", jar.toString(), "--server.port=" + port, "--ledger.data-dir=" + dataDir,
                    "--ledger.security.bootstrap-token=" + TOKEN));
            command.addAll(settings);
            if (postgresUrl != null) {
                command.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + postgresUrl,
                        "--spring.datasource.username=postgres"));
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolveSibling("ledger.log").toFile()).start();
            http = new Http("ledger", port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try {
                    if (http.get("/actuator/health").statusCode() == 200) {
                        return;
                    }
                } catch (UncheckedIOException starting) {
                    // not listening yet
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the ledger did not start; see " + dataDir.resolveSibling(
                            "ledger.log"));
                }
                Thread.sleep(250);
            }
        }

        void register(String recipientId) {
            expect(201, http.post("/api/v1/recipients", """
                    {"recipientId":"%s","name":"Bench %s","kind":"COMPANY"}""".formatted(recipientId, recipientId)));
            expect(201, http.post("/api/v1/recipients/" + recipientId + "/terms-acceptances", """
                    {"acceptedBy":"bench@example.com","documents":{"TERMS_OF_SERVICE":"1","PRIVACY_POLICY":"1",\
                    "DEVELOPER_AGREEMENT":"1","DEVELOPER_POLICY":"1"}}"""));
        }

        /**
         * Rebuilds every read model from the whole event store, as an operator's replay does, once they have caught
         * up with the workload: how many events there were and how long the rebuild took.
         */
        Report.Replay replay() throws InterruptedException {
            long events = awaitReadModelsCaughtUp();
            long start = System.nanoTime();
            expect(202, http.post("/api/v1/admin/projections/replay", ""));
            awaitReadModelsCaughtUp();
            return new Report.Replay(events, (System.nanoTime() - start) / 1e9);
        }

        /**
         * Waits until every read model has projected every stored event, and answers the store's head position: the
         * events stored, counted by the store's numbering, which a rolled-back append may leave a gap in.
         */
        long awaitReadModelsCaughtUp() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (true) {
                boolean caughtUp = true;
                long head = 0;
                for (JsonNode processor : readModels()) {
                    caughtUp &= caughtUp(processor);
                    head = Math.max(head, processor.path("headPosition").asLong());
                }
                if (caughtUp) {
                    return head;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the read models did not catch up in 30 minutes");
                }
                Thread.sleep(50);
            }
        }

        /**
         * Whether a read model's processor has projected every stored event. Its stored position (the lowest of its
         * segments') lags: a segment whose recent events all belonged to other segments stores its position only
         * when it next extends its claim, up to seconds later, though it has nothing left to project; so the
         * positions its segments hold in memory count too, once none is replaying and the stored one shows that it
         * is not starting a replay.
         */
        static boolean caughtUp(JsonNode processor) {
            if (processor.path("replaying").asBoolean()) {
                return false;
            }
            if (processor.path("lag").asLong(-1) == 0) {
                return true;
            }
            long head = processor.path("headPosition").asLong();
            JsonNode segments = processor.path("segments");
            if (!processor.path("position").isNumber() || segments.isEmpty()) {
                return false;
            }
            for (JsonNode segment : segments) {
                if (segment.path("replaying").asBoolean() || segment.path("error").asBoolean()
                        || !segment.path("position").isNumber() || segment.path("position").asLong() < head) {
                    return false;
                }
            }
            return true;
        }

        private JsonNode readModels() {
            HttpConnection.Answer answer = http.get("/api/v1/admin/projections");
            expect(200, answer);
            try {
                return JSON.readTree(answer.body()).path("processors");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The CPU time the ledger's process has used since it started, all its threads, in the kernel and out of it.
         * The JDK reads it from {@code /proc/<pid>/stat} (utime + stime) on Linux, so it moves in clock ticks of
         * 10 ms, a small error on workloads that take seconds of CPU.
         */
        Duration cpuTime() {
            return process.toHandle().info().totalCpuDuration()
                    .orElseThrow(() -> new IllegalStateException("this system does not tell a process's CPU time"));
        }

        /** The time the ledger's JIT compiler has spent compiling since the start, from its Prometheus metrics. */
        double compilationMillis() {
            return metric("jvm_compilation_time_ms_total{");
        }

        private double metric(String prefix) {
            double sum = 0;
            for (String line : http.get("/actuator/prometheus").body().split("\n")) {
                if (line.startsWith(prefix)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }

        /** Heap in use, from the ledger's own Prometheus metrics. */
        long heapUsedBytes() {
            double heap = 0;
            for (String line : http.get("/actuator/prometheus").body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) heap;
        }

        @Override
        public void close() throws InterruptedException {
            http.close();
            process.destroy();
            // long enough for a graceful stop, after which the ledger writes its flight recording
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }

        private static void expect(int status, HttpConnection.Answer answer) {
            if (answer.statusCode() != status) {
                throw new IllegalStateException("expected " + status + ", got " + answer.statusCode() + " "
                        + answer.body());
            }
        }
    }

    /** The SQL baseline behind the same share endpoint, one database connection per server thread. */
    static final class BaselineServer implements AutoCloseable {

        static {
            // The JDK's server writes an answer's headers and its body apart; with Nagle's algorithm on, the body
            // waits for the client's delayed acknowledgement of the headers, and every answer took 40 ms or more.
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }

        final Http http;
        private final HttpServer server;
        private final ExecutorService threads;

        BaselineServer(SqlQuotaLedger baseline, int threadCount) throws IOException {
            int port = freePort();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            threads = Executors.newFixedThreadPool(threadCount);
            server.setExecutor(threads);
            server.createContext("/api/v1/shares", exchange -> {
                int status;
                try (InputStream body = exchange.getRequestBody()) {
                    JsonNode request = JSON.readTree(body);
                    status = baseline.share(request.path("requestId").asText(), request.path("recipientId").asText(),
                            request.path("postIdCount").asLong()) ? 201 : 429;
                } catch (Exception e) {
                    status = 500;
                }
                byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            http = new Http("baseline", port);
        }

        @Override
        public void close() {
            http.close();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
