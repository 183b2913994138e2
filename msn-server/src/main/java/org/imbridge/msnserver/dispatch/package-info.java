/** The dispatch server: version negotiation and referral to the notification server (docs/msnp.md §3). */
package org.imbridge.msnserver.dispatch;
