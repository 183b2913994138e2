package org.imbridge.xmpp.files;

import java.net.URI;

/** URL helpers shared by the uploader and the downloader. */
public final class Urls {

    private Urls() {
    }

    /**
     * @return the URL without user info, query or fragment, which may carry tokens: the form to put in
     *         logs and in messages shown to users
     */
    public static String redacted(URI url) {
        if (url == null) {
            return "(no url)";
        }
        StringBuilder out = new StringBuilder();
        if (url.getScheme() != null) {
            out.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            out.append(url.getHost());
            if (url.getPort() >= 0) {
                out.append(':').append(url.getPort());
            }
        }
        if (url.getRawPath() != null) {
            out.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            out.append("?…");
        }
        return out.toString();
    }

    /** @return true for an absolute http or https URL with a host */
    public static boolean isHttp(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return false;
        }
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }
}
