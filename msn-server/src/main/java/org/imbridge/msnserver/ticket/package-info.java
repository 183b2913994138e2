/** Single-use switchboard cookies (CKI) handed out by XFR SB and RNG and redeemed by USR / ANS. */
package org.imbridge.msnserver.ticket;
