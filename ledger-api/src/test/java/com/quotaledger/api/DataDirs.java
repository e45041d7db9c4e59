package com.quotaledger.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Data directories under the build's target folder, new for each use, so no test sees another's ledger. */
public final class DataDirs {

    private static final Path ROOT = Path.of("target", "ledger-data");

    private DataDirs() {
    }

    public static Path fresh(String prefix) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, prefix + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
