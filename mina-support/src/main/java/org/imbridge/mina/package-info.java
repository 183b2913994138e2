/**
 * Helpers on Apache MINA that know no protocol, for every module that speaks one over MINA (the MSNP
 * codec, the component stream, the bench driver). Kept out of bridge-core so that the network SPI
 * carries no I/O library: a network plugin need not be built on MINA.
 */
package org.imbridge.mina;
