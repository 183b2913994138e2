package org.imbridge.xmpp.files.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void theLastSegmentIsPercentDecoded() {
        assertThat(FileNames.fromUrl(URI.create("https://e.org/a/caf%C3%A9%20au%20lait.txt?x=1"))).isEqualTo("café au lait.txt");
        assertThat(FileNames.fromUrl(URI.create("https://e.org/a/b+c.txt"))).as("a plus is not a space in a path").isEqualTo("b+c.txt");
    }

    @Test
    void separatorsAndControlCharactersAreReplaced() {
        assertThat(FileNames.fromUrl(URI.create("https://e.org/x/..%2F..%2Fetc%2Fpasswd"))).isEqualTo("_.._etc_passwd");
        assertThat(FileNames.fromUrl(URI.create("https://e.org/a%5Cb%0D%0Ac%00d.txt"))).isEqualTo("a_b__c_d.txt");
        assertThat(FileNames.fromUrl(URI.create("https://e.org/evil%E2%80%AEgpj.exe"))).isEqualTo("evil_gpj.exe");
    }

    @Test
    void nothingUsableGivesTheFallback() {
        assertThat(FileNames.fromUrl(URI.create("https://e.org"))).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.fromUrl(URI.create("https://e.org/dir/"))).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.fromUrl(URI.create("https://e.org/.."))).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.fromUrl(URI.create("https://e.org/%20"))).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = FileNames.fromUrl(URI.create("https://e.org/" + "é".repeat(400) + ".jpeg"));

        assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith("é.jpeg");
    }
}
