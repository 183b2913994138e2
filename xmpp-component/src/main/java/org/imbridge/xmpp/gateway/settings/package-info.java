/**
 * The user's own profile and privacy on the legacy network (display name, who may see them, whether
 * to ask about new watchers), as fields of the registration form and as the "Settings" ad-hoc command.
 */
package org.imbridge.xmpp.gateway.settings;
