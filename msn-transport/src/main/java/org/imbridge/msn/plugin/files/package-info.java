/**
 * MSN file transfer for the adapter (docs/msnp.md §18): invitations exchanged on switchboards and the
 * MSNFTP connections of {@code org.imbridge.msn.ftp}, per session ({@link
 * org.imbridge.msn.plugin.files.MsnFileTransfers}), behind the network-neutral files SPI of bridge-core.
 */
package org.imbridge.msn.plugin.files;
