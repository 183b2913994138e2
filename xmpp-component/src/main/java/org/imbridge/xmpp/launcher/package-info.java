/** Starting and stopping the transport: configuration to running components, and the command line. */
package org.imbridge.xmpp.launcher;
