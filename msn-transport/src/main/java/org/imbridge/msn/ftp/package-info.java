/**
 * MSN file invitations ({@code text/x-msmsgsinvite}) and the MSNFTP transfer protocol, as a library that
 * knows nothing of switchboards or the gateway (docs/msnp.md, "Invitations and MSNFTP file transfer").
 *
 * <p>{@link org.imbridge.msn.ftp.FileInvitation} parses and builds the invitation bodies;
 * {@link org.imbridge.msn.ftp.MsnftpSender} serves one file to one receiver and
 * {@link org.imbridge.msn.ftp.MsnftpReceiver} fetches one, both on MINA with the caller's I/O processor
 * pool, so a transfer starts no I/O thread of its own.
 */
package org.imbridge.msn.ftp;
