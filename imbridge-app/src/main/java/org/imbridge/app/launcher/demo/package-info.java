/**
 * {@code imbridge demo}: the whole product on loopback in one command. A private Prosody
 * ({@link org.imbridge.prosody.PrivateProsody}), our MSN network with demo accounts and an
 * echo contact ({@link org.imbridge.app.launcher.demo.EchoBot}), and the transport between them;
 * with {@code --tour} a scripted Jabber client ({@link org.imbridge.app.launcher.demo.Tour}) walks
 * through registration, roster, presence and a chat.
 */
package org.imbridge.app.launcher.demo;
