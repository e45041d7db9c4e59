package com.quotaledger.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Sends an answer when it is complete, not when the JSON writer flushes it. A flush in the middle of an answer makes
 * Tomcat send the headers and the body in separate writes to the connection, in chunked encoding; without it, an
 * answer that fits Tomcat's buffer (8 KiB, every answer but a long CSV) goes out in one write with its
 * {@code Content-Length}. A longer one is still sent as the buffer fills, so streaming stays streaming.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class OneWritePerAnswer extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {

            private ServletOutputStream body;

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                if (body == null) {
                    body = new UnflushedOutputStream(super.getOutputStream());
                }
                return body;
            }

            @Override
            public void flushBuffer() {
                // the container flushes once the answer is complete
            }
        });
    }

    /** The response's stream, whose flushes wait for the end of the answer. */
    private static final class UnflushedOutputStream extends ServletOutputStream {

        private final ServletOutputStream stream;

        UnflushedOutputStream(ServletOutputStream stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) throws IOException {
            stream.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            stream.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // the container flushes once the answer is complete
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }

        @Override
        public boolean isReady() {
            return stream.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            stream.setWriteListener(listener);
        }
    }
}
