package com.quotaledger.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's HTTP connection reads each answer whole, whether its body is framed by a length, by chunks or by
 * the end of the connection, and leaves the connection at the start of the next answer.
 */
class AnAnswerIsReadToItsEndHoweverItIsFramed {

    @Test
    void twoAnswersWithALengthAreReadOneAfterTheOther() throws IOException {
        InputStream answers = stream("""
                HTTP/1.1 201 Created\r
                Content-Type: application/json\r
                Content-Length: 13\r
                \r
                {"granted":1}HTTP/1.1 429 Too Many Requests\r
                content-length: 2\r
                \r
                {}""");

        HttpConnection.Answer first = HttpConnection.read(answers);
        HttpConnection.Answer second = HttpConnection.read(answers);

        assertThat(first).isEqualTo(new HttpConnection.Answer(201, "{\"granted\":1}", true));
        assertThat(second).isEqualTo(new HttpConnection.Answer(429, "{}", true));
        assertThat(answers.read()).isEqualTo(-1);
    }

    @Test
    void aChunkedAnswerIsReadToItsLastChunkAndTrailers() throws IOException {
        InputStream answers = stream("""
                HTTP/1.1 200 OK\r
                Transfer-Encoding: chunked\r
                \r
                5;name=value\r
                {"sta\r
                a\r
                tus":"UP"}\r
                0\r
                Trailer: ignored\r
                \r
                HTTP/1.1 204 No Content\r
                \r
                """);

        assertThat(HttpConnection.read(answers)).isEqualTo(new HttpConnection.Answer(200, "{\"status\":\"UP\"}", true));
        assertThat(HttpConnection.read(answers)).isEqualTo(new HttpConnection.Answer(204, "", true));
    }

    @Test
    void anAnswerThatClosesTheConnectionSaysSo() throws IOException {
        assertThat(HttpConnection.read(stream("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
                .keepAlive()).isFalse();
        assertThat(HttpConnection.read(stream("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).keepAlive())
                .isFalse();
        assertThat(HttpConnection.read(stream("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"))
                .keepAlive()).isTrue();
    }

    @Test
    void aBodyWithoutALengthEndsWithTheConnection() throws IOException {
        HttpConnection.Answer answer = HttpConnection.read(stream("HTTP/1.1 500 Server Error\r\n\r\nbroken"));

        assertThat(answer).isEqualTo(new HttpConnection.Answer(500, "broken", false));
    }

    @Test
    void anAnswerCutShortIsAnError() {
        assertThatThrownBy(() -> HttpConnection.read(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> HttpConnection.read(stream("HTTP/1.1 200 OK\r\nContent-Len")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> HttpConnection.read(stream("SSH-2.0-OpenSSH\r\n\r\n")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void oneConnectionCarriesManyRequestsAndIsOpenedAgainAfterTheServerClosesIt() throws IOException {
        Set<InetSocketAddress> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/close")) {
                exchange.getResponseHeaders().add("Connection", "close");
            }
            byte[] answer = (exchange.getRequestMethod() + " " + body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        try (HttpConnection connection = new HttpConnection(new InetSocketAddress("127.0.0.1",
                server.getAddress().getPort()))) {
            for (int i = 0; i < 3; i++) {
                assertThat(connection.exchange("POST", "/", "Bearer t", "{\"i\":" + i + "}").body())
                        .isEqualTo("POST {\"i\":" + i + "}");
            }
            assertThat(clientPorts).hasSize(1);

            assertThat(connection.exchange("GET", "/close", "Bearer t", null).keepAlive()).isFalse();
            assertThat(connection.exchange("GET", "/", "Bearer t", null).body()).isEqualTo("GET ");
            assertThat(clientPorts).hasSize(2);
        } finally {
            server.stop(0);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
