/**
 * XEP-0363 HTTP file upload: finding the server's upload service, asking it for a slot, and putting
 * the file to the slot's URL.
 */
package org.imbridge.xmpp.files.upload;
