/** XEP-0066 out-of-band data ({@code jabber:x:oob}): a URL attached to a message. */
package org.imbridge.xmpp.files.oob;
