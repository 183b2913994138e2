/**
 * The notification server: login, contact lists, presence fan-out, challenges, switchboard requests
 * and server-initiated notifications (docs/msnp.md §3–§6).
 */
package org.imbridge.msnserver.notification;
