package org.imbridge.xmpp.files.oob;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Parses {@link OutOfBandData}; stateless, use {@link #INSTANCE}. An element without a URL, or with a
 * URL or description over {@link OutOfBandData#MAX_LENGTH}, is a parsing error (the stanza is then
 * dropped by Smack's parsing exception callback rather than half understood).
 */
public final class OutOfBandDataProvider extends ExtensionElementProvider<OutOfBandData> {

    public static final OutOfBandDataProvider INSTANCE = new OutOfBandDataProvider();

    @Override
    public OutOfBandData parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String url = null;
        String desc = null;
        outerloop:
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT:
                    if (parser.getDepth() == initialDepth + 1) {
                        switch (parser.getName()) {
                            case "url" -> url = parser.nextText();
                            case "desc" -> desc = parser.nextText();
                            default -> { }
                        }
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
            return new OutOfBandData(url == null ? "" : url, desc);
        } catch (IllegalArgumentException e) {
            throw new SmackParsingException(e.getMessage());
        }
    }
}
