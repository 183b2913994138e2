/**
 * XEP-0356: Privileged Entity. The {@code <privilege/>} element a server sends its component right
 * after the handshake, its parser, and {@link org.imbridge.xmpp.gateway.privilege.PrivilegeState}, which
 * remembers per server domain what was granted.
 */
package org.imbridge.xmpp.gateway.privilege;
