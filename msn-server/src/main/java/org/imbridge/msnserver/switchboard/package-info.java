/**
 * The switchboard server: sessions ("rooms") with any number of participants, invitations (CAL / RNG
 * / ANS), message relay with ACK / NAK, BYE on leave and on idle (docs/msnp.md §7).
 */
package org.imbridge.msnserver.switchboard;
