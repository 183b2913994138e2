package org.imbridge.xmpp.files.upload;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.imbridge.xmpp.files.Urls;
import org.jivesoftware.smack.packet.IQ;

/**
 * The XEP-0363 slot the upload service answers with: where to PUT the file (with which headers), and
 * the URL it can then be fetched from.
 *
 * <pre>
 * &lt;slot xmlns='urn:xmpp:http:upload:0'&gt;
 *   &lt;put url='https://upload.example.org/abc/a.jpg'&gt;&lt;header name='Authorization'&gt;Basic …&lt;/header&gt;&lt;/put&gt;
 *   &lt;get url='https://download.example.org/abc/a.jpg'/&gt;
 * &lt;/slot&gt;
 * </pre>
 *
 * Only the headers XEP-0363 §4 allows are kept (others must be ignored); their values are secrets
 * (an Authorization or a Cookie): never log the slot's XML ({@code toString()}, Smack's, shows no child).
 */
public final class UploadSlot extends IQ {

    public static final String ELEMENT = "slot";
    public static final String NAMESPACE = UploadRequest.NAMESPACE;
    /** The longest URL or header value taken. */
    public static final int MAX_LENGTH = 4096;
    /** The headers kept, in their canonical spelling. */
    public static final Set<String> ALLOWED_HEADERS = Set.of("Authorization", "Cookie", "Expires");

    private final URI putUrl;
    private final Map<String, String> putHeaders;
    private final URI getUrl;

    /**
     * @param putHeaders headers for the PUT: names not in {@link #ALLOWED_HEADERS} are dropped
     * @throws IllegalArgumentException on a missing or non-http URL, an over-long value or a header
     *                                  value with a line break
     */
    public UploadSlot(URI putUrl, Map<String, String> putHeaders, URI getUrl) {
        super(ELEMENT, NAMESPACE);
        this.putUrl = checkedUrl(putUrl, "put");
        this.getUrl = checkedUrl(getUrl, "get");
        this.putHeaders = allowedHeaders(putHeaders);
        setType(Type.result);
    }

    /** @return the canonical spelling of a header name XEP-0363 allows, if it is one */
    public static Optional<String> allowedHeader(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return ALLOWED_HEADERS.stream().filter(h -> h.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    public URI putUrl() {
        return putUrl;
    }

    /** @return the allowed headers to send with the PUT, canonical name to value */
    public Map<String, String> putHeaders() {
        return putHeaders;
    }

    public URI getUrl() {
        return getUrl;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.halfOpenElement("put").attribute("url", putUrl.toString());
        if (putHeaders.isEmpty()) {
            xml.closeEmptyElement();
        } else {
            xml.rightAngleBracket();
            putHeaders.forEach((name, value) ->
                    xml.halfOpenElement("header").attribute("name", name).rightAngleBracket()
                            .escape(value).closeElement("header"));
            xml.closeElement("put");
        }
        xml.halfOpenElement("get").attribute("url", getUrl.toString()).closeEmptyElement();
        return xml;
    }

    private static URI checkedUrl(URI url, String which) {
        if (url == null) {
            throw new IllegalArgumentException("the slot has no " + which + " URL");
        }
        if (url.toString().length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the slot's " + which + " URL is longer than " + MAX_LENGTH);
        }
        if (!Urls.isHttp(url)) {
            throw new IllegalArgumentException("the slot's " + which + " URL is not an absolute http(s) URL");
        }
        return url;
    }

    private static Map<String, String> allowedHeaders(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "putHeaders").forEach((name, value) -> {
            Optional<String> canonical = allowedHeader(name);
            if (canonical.isEmpty()) {
                return;
            }
            if (value == null || value.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("the slot's " + canonical.get() + " header is missing or too long");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the slot's " + canonical.get() + " header has a line break");
            }
            kept.put(canonical.get(), value.strip());
        });
        return Collections.unmodifiableMap(kept);
    }
}
