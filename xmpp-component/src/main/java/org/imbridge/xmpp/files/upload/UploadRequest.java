package org.imbridge.xmpp.files.upload;

import java.util.Objects;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/**
 * The XEP-0363 slot request, sent to the upload service:
 * {@code <request xmlns='urn:xmpp:http:upload:0' filename='a.jpg' size='23456' content-type='image/jpeg'/>}.
 */
public final class UploadRequest extends IQ {

    public static final String ELEMENT = "request";
    public static final String NAMESPACE = "urn:xmpp:http:upload:0";
    /** The longest file name sent. */
    public static final int MAX_FILENAME_LENGTH = 255;

    private final String filename;
    private final long size;
    private final String contentType;

    /**
     * @param from        the component's JID
     * @param service     the upload service
     * @param filename    not blank, at most {@link #MAX_FILENAME_LENGTH} characters
     * @param size        the file's size in bytes, positive
     * @param contentType the MIME type, or null
     */
    public UploadRequest(Jid from, Jid service, String filename, long size, String contentType) {
        super(ELEMENT, NAMESPACE);
        Objects.requireNonNull(filename, "filename");
        if (filename.isBlank() || filename.length() > MAX_FILENAME_LENGTH) {
            throw new IllegalArgumentException("the file name must have 1 to " + MAX_FILENAME_LENGTH + " characters");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("the size must be positive, not " + size);
        }
        this.filename = filename;
        this.size = size;
        this.contentType = contentType;
        setType(Type.get);
        setFrom(from);
        setTo(Objects.requireNonNull(service, "service"));
    }

    public String filename() {
        return filename;
    }

    public long size() {
        return size;
    }

    /** @return the MIME type, or null */
    public String contentType() {
        return contentType;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.attribute("filename", filename);
        xml.attribute("size", Long.toString(size));
        xml.optAttribute("content-type", contentType);
        xml.setEmptyElement();
        return xml;
    }
}
