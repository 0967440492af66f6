package io.quarkiverse.restclient.verify.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the key-log path: a file of TLS secrets must never be written where others can read it. A link (to a
 * file others read), a named pipe (a reader waiting on the other end), an existing file open to others and a missing
 * directory are refused, saying why; a new file is created rw------- before the first line.
 */
class KeyLogPathTest {

    @Test
    void aNewFileIsCreatedForItsOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys.log");
        try (KeyLog log = KeyLog.open(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            log.append("CLIENT_RANDOM 00 11");
        }
        assertThat(Files.readAllLines(file)).containsExactly("CLIENT_RANDOM 00 11");
    }

    @Test
    void anExistingOwnerOnlyFileIsAppendedTo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys.log"), "EARLIER 00 11\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (KeyLog log = KeyLog.open(file)) {
            log.append("LATER 22 33");
        }
        assertThat(Files.readAllLines(file)).containsExactly("EARLIER 00 11", "LATER 22 33");
    }

    @Test
    void aLinkIsRefusedAndItsTargetLeftAlone(@TempDir Path dir) throws IOException {
        Path shared = Files.writeString(dir.resolve("shared.txt"), "public\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("keys.log"), shared);
        assertThatThrownBy(() -> KeyLog.open(link)).isInstanceOf(KeyLog.UnsafeKeyLogException.class)
                .hasMessage("is a symbolic link; the secrets would be written wherever it points");
        assertThat(Files.readString(shared)).isEqualTo("public\n");
    }

    @Test
    void aFileOpenToOthersIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys.log"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> KeyLog.open(file)).isInstanceOf(KeyLog.UnsafeKeyLogException.class)
                .hasMessage("exists with permissions rw-r--r--, open to others who could then decrypt the traffic; a"
                        + " key log must be rw------- (chmod 600)");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void aNamedPipeIsRefusedWithoutWaitingForAReader(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("keys.log");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).as("premise: mkfifo made the pipe").isZero();
        assertThatThrownBy(() -> KeyLog.open(fifo)).isInstanceOf(KeyLog.UnsafeKeyLogException.class)
                .hasMessage("exists and is not a regular file (a directory, a named pipe or a device)");
    }

    @Test
    void aMissingDirectoryIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> KeyLog.open(dir.resolve("missing/keys.log")))
                .isInstanceOf(KeyLog.UnsafeKeyLogException.class)
                .hasMessage("its directory " + dir.resolve("missing") + " does not exist");
    }
}
