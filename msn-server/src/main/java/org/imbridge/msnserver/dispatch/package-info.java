/** The dispatch server: version negotiation and referral to the notification server (reference §3). */
package org.imbridge.msnserver.dispatch;
