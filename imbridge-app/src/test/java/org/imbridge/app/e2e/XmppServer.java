package org.imbridge.app.e2e;

import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.stream.ComponentConfig;
import org.imbridge.xmpp.stream.StanzaCodec;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.stringprep.XmppStringprepException;

/** The XMPP server a {@link BridgeHarness} runs the transport on: a private Prosody or ejabberd. */
interface XmppServer extends AutoCloseable {

    /** @return the new account's bare JID */
    String registerUser(String user, String password);

    /** @return a client for an account on this server, not yet connected */
    XMPPTCPConnection newClient(String user, String password);

    /** @return the transport's component settings for this server */
    ComponentConfig.Builder componentConfig();

    String componentDomain();

    @Override
    void close();

    static XmppServer of(PrivateProsody prosody) {
        return new XmppServer() {
            @Override
            public String registerUser(String user, String password) {
                return prosody.registerUser(user, password);
            }

            @Override
            public XMPPTCPConnection newClient(String user, String password) {
                return ProsodyClients.newClient(prosody, user, password);
            }

            @Override
            public ComponentConfig.Builder componentConfig() {
                return ProsodyClients.componentConfig(prosody);
            }

            @Override
            public String componentDomain() {
                return prosody.componentDomain();
            }

            @Override
            public void close() {
                prosody.close();
            }
        };
    }

    static XmppServer of(PrivateEjabberd ejabberd) {
        return new XmppServer() {
            @Override
            public String registerUser(String user, String password) {
                return ejabberd.registerUser(user, password);
            }

            @Override
            public XMPPTCPConnection newClient(String user, String password) {
                StanzaCodec.initialize(); // the same Smack parser set-up as the component
                try {
                    // the private ejabberd's client port is plain TCP on loopback
                    return new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                            .setXmppDomain(ejabberd.virtualHost())
                            .setHost(ejabberd.host())
                            .setPort(ejabberd.c2sPort())
                            .setSecurityMode(SecurityMode.disabled)
                            .setUsernameAndPassword(user, password)
                            .setResource("test")
                            .setConnectTimeout(10_000)
                            .build());
                } catch (XmppStringprepException e) {
                    throw new IllegalArgumentException(e);
                }
            }

            @Override
            public ComponentConfig.Builder componentConfig() {
                return ComponentConfig.builder(ejabberd.componentDomain(), ejabberd.componentSecret())
                        .host(ejabberd.host())
                        .port(ejabberd.componentPort());
            }

            @Override
            public String componentDomain() {
                return ejabberd.componentDomain();
            }

            @Override
            public void close() {
                ejabberd.close();
            }
        };
    }
}
