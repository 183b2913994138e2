/**
 * Starting and stopping the transport: configuration to running components
 * ({@link org.imbridge.xmpp.launcher.TransportFactory}, {@link org.imbridge.xmpp.launcher.Transport}),
 * the configuration followed while running ({@link org.imbridge.xmpp.launcher.LiveConfig},
 * {@link org.imbridge.xmpp.launcher.ConfigReloader}), the limits applied in front of the gateway, and
 * logging set-up. The command line is in {@code cli}, the demo in {@code demo}.
 */
package org.imbridge.xmpp.launcher;
