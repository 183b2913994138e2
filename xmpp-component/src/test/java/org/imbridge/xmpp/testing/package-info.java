/**
 * Test infrastructure shared by the module's tests: a throwaway Prosody server
 * ({@link org.imbridge.xmpp.testing.ProsodyServer}) and its JUnit 5 extension.
 */
package org.imbridge.xmpp.testing;
