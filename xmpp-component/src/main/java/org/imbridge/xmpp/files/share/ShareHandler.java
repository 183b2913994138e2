package org.imbridge.xmpp.files.share;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Serves {@code GET|HEAD .../<token>/<name>}: the token (second-to-last path segment) picks the file,
 * whatever comes before it (a reverse proxy's prefix) and whatever name follows. Unknown or expired
 * → 404, other methods → 405. The file is sent as an attachment, streamed.
 */
final class ShareHandler implements HttpHandler {

    private final SharedFiles files;

    ShareHandler(SharedFiles files) {
        this.files = files;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Optional<SharedFiles.Shared> shared = token(exchange.getRequestURI().getRawPath()).flatMap(files::get);
            if (shared.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            serve(exchange, shared.get(), head);
        }
    }

    private static void serve(HttpExchange exchange, SharedFiles.Shared shared, boolean head) throws IOException {
        InputStream in;
        try {
            in = head ? null : Files.newInputStream(shared.file());
        } catch (NoSuchFileException e) {
            exchange.sendResponseHeaders(404, -1); // expired between the look-up and now
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", ContentTypes.of(shared.fileName()));
        headers.set("Content-Disposition", disposition(shared.fileName()));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "private, no-store");
        if (head || shared.size() == 0) {
            // no body: the JDK server then writes no Content-Length of its own
            headers.set("Content-Length", Long.toString(shared.size()));
            exchange.sendResponseHeaders(200, -1);
            if (in != null) {
                in.close();
            }
            return;
        }
        exchange.sendResponseHeaders(200, shared.size());
        try (in; OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    /** @return {@code attachment} with an ASCII fallback name and the RFC 5987 UTF-8 one */
    static String disposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' ? (char) cp : '_'));
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static Optional<String> token(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        String[] segments = rawPath.split("/");
        if (segments.length < 2) {
            return Optional.empty();
        }
        String token = segments[segments.length - 2];
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
