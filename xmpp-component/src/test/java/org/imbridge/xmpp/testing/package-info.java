/**
 * Test infrastructure shared by the module's tests and imbridge-app's: a JUnit 5 extension around the
 * private Prosody of module prosody-runner, and the component config and Jabber clients to connect to it.
 */
package org.imbridge.xmpp.testing;
