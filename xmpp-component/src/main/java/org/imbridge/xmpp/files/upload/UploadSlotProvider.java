package org.imbridge.xmpp.files.upload;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Parses {@link UploadSlot}; stateless, use {@link #INSTANCE}. Headers XEP-0363 does not allow are
 * ignored; a missing or malformed URL, or a header value with a line break, makes the slot unusable:
 * a parsing error.
 */
public final class UploadSlotProvider extends IqProvider<UploadSlot> {

    public static final UploadSlotProvider INSTANCE = new UploadSlotProvider();

    /** More header elements than this in one put is not a slot an honest service sends. */
    private static final int MAX_HEADERS = 16;

    @Override
    public UploadSlot parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String put = null;
        String get = null;
        Map<String, String> headers = new LinkedHashMap<>();
        int headerCount = 0;
        outerloop:
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT:
                    if (parser.getDepth() == initialDepth + 1 && "put".equals(parser.getName())) {
                        put = parser.getAttributeValue("url");
                    } else if (parser.getDepth() == initialDepth + 1 && "get".equals(parser.getName())) {
                        get = parser.getAttributeValue("url");
                    } else if (parser.getDepth() == initialDepth + 2 && "header".equals(parser.getName())) {
                        if (++headerCount > MAX_HEADERS) {
                            throw new SmackParsingException("the slot has more than " + MAX_HEADERS + " headers");
                        }
                        String name = parser.getAttributeValue("name");
                        String value = parser.nextText();
                        UploadSlot.allowedHeader(name).ifPresent(canonical -> headers.putIfAbsent(canonical, value));
                    }
                    break;
                case END_ELEMENT:
                    if (parser.getDepth() == initialDepth) {
                        break outerloop;
                    }
                    break;
                default:
                    break;
            }
        }
        try {
            return new UploadSlot(uri(put, "put"), headers, uri(get, "get"));
        } catch (IllegalArgumentException e) {
            throw new SmackParsingException(e.getMessage());
        }
    }

    private static URI uri(String value, String which) throws SmackParsingException {
        if (value == null || value.isBlank()) {
            throw new SmackParsingException("the slot has no " + which + " URL");
        }
        if (value.length() > UploadSlot.MAX_LENGTH) {
            throw new SmackParsingException("the slot's " + which + " URL is too long");
        }
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new SmackParsingException("the slot's " + which + " URL is malformed");
        }
    }
}
