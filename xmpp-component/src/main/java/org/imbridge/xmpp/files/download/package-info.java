/**
 * Fetching a file a user pointed at (an XEP-0066 or XEP-0363 URL) without letting the URL reach the
 * gateway's own network, fill its disk or hold a thread forever.
 */
package org.imbridge.xmpp.files.download;
