/**
 * The MSNP wire protocol (MSNP7 as docs/msnp.md describes it): the command model, the MINA codec that
 * frames line commands and byte-counted payload commands, error and status codes, friendly-name URL
 * encoding, MIME payloads and the MD5 login / challenge hashes. Shared by the client and by msn-server.
 */
package org.imbridge.msn.protocol;
