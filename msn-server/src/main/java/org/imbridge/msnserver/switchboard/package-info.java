/**
 * The switchboard server: sessions ("rooms") with any number of participants, invitations (CAL / RNG
 * / ANS), message relay with ACK / NAK, BYE on leave and on idle (reference §7).
 */
package org.imbridge.msnserver.switchboard;
