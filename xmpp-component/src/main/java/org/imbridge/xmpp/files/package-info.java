/**
 * The HTTP side of file transfer, independent of any legacy network: XEP-0066 out-of-band URLs,
 * XEP-0363 upload slots and the upload itself, a downloader that refuses what it should not fetch,
 * a fallback file server, and the directory where files in transit live.
 */
package org.imbridge.xmpp.files;
