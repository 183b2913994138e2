package org.imbridge.xmpp.files.temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferDirectoryTest {

    @TempDir
    Path root;

    @Test
    void theDirectoryIs0700AndItsFiles0600() throws IOException {
        TransferDirectory transfers = TransferDirectory.open(root.resolve("var/transfers"));

        Path file = transfers.newFile(".part");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(transfers.path()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(file.getParent()).isEqualTo(transfers.path());
        assertThat(file.getFileName().toString()).startsWith("transfer-").endsWith(".part");
        assertThat(transfers.count()).isEqualTo(1);
    }

    @Test
    void anExistingWiderDirectoryIsNarrowed() throws IOException {
        Path existing = Files.createDirectory(root.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        TransferDirectory.open(existing);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwx------");
    }

    @Test
    void aFileOrALinkIsNotTaken() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "x");
        Path link = Files.createSymbolicLink(root.resolve("link"), Files.createDirectory(root.resolve("target")));

        assertThatThrownBy(() -> TransferDirectory.open(file)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TransferDirectory.open(link)).isInstanceOf(IOException.class);
    }

    @Test
    void cleanLeftoversDeletesWhatAPreviousRunLeft() throws IOException {
        TransferDirectory previousRun = TransferDirectory.open(root.resolve("t"));
        previousRun.newFile(null);
        previousRun.newFile(".part");
        Path nested = Files.createDirectory(previousRun.path().resolve("nested"));
        Files.writeString(nested.resolve("inner"), "x");
        Path outside = Files.writeString(root.resolve("outside"), "kept");
        Files.createSymbolicLink(previousRun.path().resolve("link"), outside);

        TransferDirectory thisRun = TransferDirectory.open(root.resolve("t"));
        assertThat(thisRun.count()).isEqualTo(4);

        assertThat(thisRun.cleanLeftovers()).isEqualTo(5);
        assertThat(thisRun.count()).isZero();
        assertThat(outside).as("a link is deleted, not followed").hasContent("kept");
    }
}
