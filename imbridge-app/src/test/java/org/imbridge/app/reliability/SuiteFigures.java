package org.imbridge.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The figures the suite measures, printed and appended to {@code target/reliability-figures.txt}. */
final class SuiteFigures {

    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    private SuiteFigures() {
    }

    static void record(String test, String figure) {
        String line = Instant.now() + " " + test + ": " + figure;
        System.out.println("[reliability] " + line);
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
