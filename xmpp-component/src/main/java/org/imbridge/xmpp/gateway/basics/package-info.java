/** XEP-0092 Software Version and XEP-0199 XMPP Ping. */
package org.imbridge.xmpp.gateway.basics;
