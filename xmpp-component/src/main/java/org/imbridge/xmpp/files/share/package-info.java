/**
 * The gateway's own HTTP file server, the fallback when the user's XMPP server offers no XEP-0363
 * upload service: files are published under an unguessable URL for a while, then deleted.
 */
package org.imbridge.xmpp.files.share;
