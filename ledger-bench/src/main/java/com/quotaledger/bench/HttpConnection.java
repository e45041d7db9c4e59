package com.quotaledger.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One blocking HTTP/1.1 connection, kept alive from one request to the next, used by one request at a time.
 * <p>
 * The JDK's {@code HttpClient} took about twelve times the CPU of this connection per request against a trivial
 * server on a 2-core machine, and with it the same 32 clients got 20 to 30 % fewer decisions per second out of the
 * ledger, whose cores they shared. This connection reads what the two servers measured here answer: a status line,
 * headers, and a body framed by {@code Content-Length}, by chunks, or by the end of the connection.
 */
final class HttpConnection implements AutoCloseable {

    /** An answer: its status, its body as text, and whether the server keeps the connection open after it. */
    record Answer(int statusCode, String body, boolean keepAlive) {
    }

    /** Longer than any request the benchmark makes may take, so that a stuck server fails the run. */
    private static final int READ_TIMEOUT_MILLIS = (int) TimeUnit.SECONDS.toMillis(60);
    private static final int CONNECT_TIMEOUT_MILLIS = (int) TimeUnit.SECONDS.toMillis(5);
    /**
     * A connection idle for longer is opened anew: well under the servers' own idle timeouts (20 s and more), so a
     * request is never written to a connection that the server has just closed.
     */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_HEADER_LINE_BYTES = 8 * 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final InetSocketAddress server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsedNanos;

    HttpConnection(InetSocketAddress server) {
        this.server = server;
    }

    /** Sends one request and reads its whole answer; {@code json} is null for a request without a body. */
    Answer exchange(String method, String path, String authorization, String json) throws IOException {
        if (socket != null && System.nanoTime() - lastUsedNanos > MAX_IDLE_NANOS) {
            close();
        }
        if (socket == null) {
            open();
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n")
                .append("Authorization: ").append(authorization).append("\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            Answer answer = read(in);
            lastUsedNanos = System.nanoTime();
            if (!answer.keepAlive()) {
                close();
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Reads one answer from {@code in}, leaving the stream at the start of the next one. */
    static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int statusCode = Integer.parseInt(status[1]);
        boolean keepAlive = status[0].equals("HTTP/1.1");
        long contentLength = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("not a header: " + header);
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                keepAlive = !value.equalsIgnoreCase("close") && (keepAlive || value.equalsIgnoreCase("keep-alive"));
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (statusCode == 204 || statusCode == 304 || statusCode / 100 == 1) {
            // no body, whatever the headers say
        } else if (chunked) {
            for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                copy(in, body, size);
                if (!line(in).isEmpty()) {
                    throw new IOException("a chunk is longer than its size");
                }
            }
            while (!line(in).isEmpty()) {
                // trailers, which nothing here reads
            }
        } else if (contentLength >= 0) {
            copy(in, body, contentLength);
        } else {
            // framed by the end of the connection, which then cannot carry another request
            keepAlive = false;
            copy(in, body, MAX_BODY_BYTES, false);
        }
        return new Answer(statusCode, body.toString(StandardCharsets.UTF_8), keepAlive);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
            socket = null;
        }
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        try {
            // requests are written whole, so there is nothing for Nagle's algorithm to gather
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(READ_TIMEOUT_MILLIS);
            opened.connect(server, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(opened.getOutputStream(), 16 * 1024);
    }

    private static long chunkSize(String line) throws IOException {
        int extension = line.indexOf(';');
        try {
            long size = Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
            if (size < 0 || size > MAX_BODY_BYTES) {
                throw new IOException("a chunk of " + size + " bytes");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: " + line, e);
        }
    }

    /** A line up to CRLF (or a bare LF), without it. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended inside an answer");
            }
            if (line.length() >= MAX_HEADER_LINE_BYTES) {
                throw new IOException("a line of more than " + MAX_HEADER_LINE_BYTES + " bytes");
            }
            line.append((char) b);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long bytes) throws IOException {
        if (body.size() + bytes > MAX_BODY_BYTES) {
            throw new IOException("a body of more than " + MAX_BODY_BYTES + " bytes");
        }
        copy(in, body, bytes, true);
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long bytes, boolean exactly)
            throws IOException {
        byte[] buffer = new byte[8 * 1024];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                if (exactly) {
                    throw new EOFException("the connection ended inside a body");
                }
                return;
            }
            body.write(buffer, 0, read);
            left -= read;
        }
        if (!exactly && in.read() >= 0) {
            throw new IOException("a body of more than " + MAX_BODY_BYTES + " bytes");
        }
    }
}
