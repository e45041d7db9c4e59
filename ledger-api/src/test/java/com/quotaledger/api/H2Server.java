package com.quotaledger.api;

import org.h2.tools.Server;

import java.net.ServerSocket;
import java.nio.file.Path;

/** An H2 server on a free port, serving databases under a data directory: one store that several nodes share. */
final class H2Server implements AutoCloseable {

    private final Server server;
    private final int port;

    private H2Server(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static H2Server under(Path dataDir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new H2Server(Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir",
                dataDir.toString(), "-ifNotExists").start(), port);
    }

    /** The settings that make a ledger node use database {@code ledger} on this server. */
    String[] nodeSettings() {
        return new String[]{"--spring.datasource.url=jdbc:h2:tcp://localhost:" + port + "/ledger",
                "--spring.datasource.username=sa"};
    }

    @Override
    public void close() {
        server.stop();
    }
}
