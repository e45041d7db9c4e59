package com.quotaledger.api;

import org.h2.tools.Server;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ledger nodes, each a process of its own, sharing one store: an H2 server on a free port serving a fresh data
 * directory (or, on the PostgreSQL run, the PostgreSQL server, as {@link LedgerProcess} arranges). Closing stops the
 * nodes, then the server.
 */
public final class NodesOnAnH2Server implements AutoCloseable {

    private final Path dataDir;
    private final Server server;
    private final int port;
    private final List<LedgerProcess> started = new ArrayList<>();

    private NodesOnAnH2Server(Path dataDir, Server server, int port) {
        this.dataDir = dataDir;
        this.server = server;
        this.port = port;
    }

    public static NodesOnAnH2Server in(String dataDirName) throws Exception {
        Path dataDir = DataDirs.fresh(dataDirName);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new NodesOnAnH2Server(dataDir, Server.createTcpServer("-tcpPort", Integer.toString(port),
                "-baseDir", dataDir.toString(), "-ifNotExists").start(), port);
    }

    /** Starts a node on the shared database {@code ledger}, with {@code settings} besides. */
    public LedgerClient start(String... settings) {
        String[] all = Stream.concat(Stream.of("--spring.datasource.url=jdbc:h2:tcp://localhost:" + port + "/ledger",
                "--spring.datasource.username=sa"), Stream.of(settings)).toArray(String[]::new);
        LedgerProcess node = LedgerProcess.start(dataDir, all);
        started.add(node);
        return node.client();
    }

    @Override
    public void close() {
        started.forEach(LedgerProcess::close);
        server.stop();
    }
}
