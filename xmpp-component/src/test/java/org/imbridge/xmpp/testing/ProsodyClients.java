package org.imbridge.xmpp.testing;

import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.stream.ComponentConfig;
import org.imbridge.xmpp.stream.StanzaCodec;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.stringprep.XmppStringprepException;

/** What tests connect to a {@link PrivateProsody} with: the component's config and Jabber clients. */
public final class ProsodyClients {

    private ProsodyClients() {
    }

    /** @return a component config for this server: its domain, secret, host and component port */
    public static ComponentConfig.Builder componentConfig(PrivateProsody prosody) {
        return ComponentConfig.builder(prosody.componentDomain(), prosody.componentSecret())
                .host(prosody.host())
                .port(prosody.componentPort());
    }

    /**
     * A Smack client for an account on this server: plain TCP on loopback, no TLS (Smack ignores the
     * offered STARTTLS), not yet connected.
     *
     * @return the client; connect and log in with {@code connect().login()}
     */
    public static XMPPTCPConnection newClient(PrivateProsody prosody, String user, String password) {
        StanzaCodec.initialize(); // the same Smack parser set-up as the component
        try {
            return new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(prosody.virtualHost())
                    .setHost(prosody.host())
                    .setPort(prosody.c2sPort())
                    .setSecurityMode(SecurityMode.disabled)
                    .setUsernameAndPassword(user, password)
                    .setResource("test")
                    .setConnectTimeout(10_000)
                    .build());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
