/**
 * Files between users and their contacts: a contact's offer is received and put where the user's
 * client can fetch it (the user's server's XEP-0363 upload service, or the transport's own HTTP
 * endpoint) and sent as a link with XEP-0066 data; a link the user sends is fetched (from allowed hosts
 * only) and offered to the contact as a file, besides the link as text. README, "Files".
 */
package org.imbridge.xmpp.gateway.files;
