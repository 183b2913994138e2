package org.imbridge.xmpp.gateway.prompt;

import org.jivesoftware.smack.packet.IQ;

/**
 * The {@code jabber:iq:gateway} query: in a get result {@code desc} and {@code prompt}; in a set the
 * address to translate as {@code prompt}; in a set result the translated {@code jid}.
 */
public final class GatewayQuery extends IQ {

    public static final String ELEMENT = QUERY_ELEMENT;
    public static final String NAMESPACE = "jabber:iq:gateway";

    private final String desc;
    private final String prompt;
    private final String jid;

    public GatewayQuery(String desc, String prompt, String jid) {
        super(ELEMENT, NAMESPACE);
        this.desc = desc;
        this.prompt = prompt;
        this.jid = jid;
    }

    public String desc() {
        return desc;
    }

    public String prompt() {
        return prompt;
    }

    public String jid() {
        return jid;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.rightAngleBracket();
        xml.optElement("desc", desc);
        xml.optElement("prompt", prompt);
        xml.optElement("jid", jid);
        return xml;
    }
}
