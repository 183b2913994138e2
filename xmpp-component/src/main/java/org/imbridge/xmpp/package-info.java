/** The XEP-0114 component: stream, gateway handlers and the launcher. */
package org.imbridge.xmpp;
