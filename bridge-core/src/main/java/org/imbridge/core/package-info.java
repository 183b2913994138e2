/**
 * IMBridge core: network-neutral sessions, registrations, presence and contact model, and the SPI a
 * legacy network implements. Knows neither MSN nor XMPP.
 */
package org.imbridge.core;
