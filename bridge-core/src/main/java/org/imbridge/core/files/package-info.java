/**
 * Files between a user and their contacts, network-neutral: what a contact offers ({@link
 * org.imbridge.core.files.IncomingFile}), what the user sends ({@link org.imbridge.core.files.OutgoingFile}),
 * and why a transfer did not happen ({@link org.imbridge.core.files.TransferFailure}). Files travel through
 * local paths the transport owns; the XMPP side decides where they come from and go to.
 */
package org.imbridge.core.files;
