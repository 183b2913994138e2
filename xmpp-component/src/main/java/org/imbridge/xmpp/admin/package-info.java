/**
 * XEP-0050 ad-hoc commands for the transport's administrators (the {@code admins} of the config):
 * online users, statistics, announce, disconnect a user, reload the configuration. Node names follow
 * XEP-0133 where it has one. Everyone else is {@code forbidden}.
 */
package org.imbridge.xmpp.admin;
