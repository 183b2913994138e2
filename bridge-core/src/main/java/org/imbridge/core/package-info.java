/**
 * IMBridge core: network-neutral sessions, the registration model and store interface, presence and
 * contact model, and the SPI a legacy network implements. Knows neither MSN nor XMPP, and depends on
 * no database library (the JDBC registration store is the {@code registration-store} module).
 */
package org.imbridge.core;
