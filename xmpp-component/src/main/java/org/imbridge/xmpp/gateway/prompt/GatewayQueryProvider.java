package org.imbridge.xmpp.gateway.prompt;

import java.io.IOException;

import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/** Parses {@link GatewayQuery}; stateless, use {@link #INSTANCE}. */
public final class GatewayQueryProvider extends IqProvider<GatewayQuery> {

    public static final GatewayQueryProvider INSTANCE = new GatewayQueryProvider();

    @Override
    public GatewayQuery parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String desc = null;
        String prompt = null;
        String jid = null;
        outerloop:
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT:
                    switch (parser.getName()) {
                        case "desc" -> desc = parser.nextText();
                        case "prompt" -> prompt = parser.nextText();
                        case "jid" -> jid = parser.nextText();
                        default -> { }
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
        return new GatewayQuery(desc, prompt, jid);
    }
}
