/**
 * The login stage shared by the dispatch and notification servers (docs/msnp.md §3): version
 * negotiation, INF, and the strict one-command-at-a-time rules (715 / 731 / silent disconnect).
 */
package org.imbridge.msnserver.login;
