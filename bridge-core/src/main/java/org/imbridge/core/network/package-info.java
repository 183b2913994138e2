/**
 * The SPI a legacy network implements: {@link org.imbridge.core.network.LegacyNetwork} opens
 * {@link org.imbridge.core.network.LegacySession}s that report to a
 * {@link org.imbridge.core.network.SessionListener}. Implementations are found with
 * {@link java.util.ServiceLoader} ({@link org.imbridge.core.network.LegacyNetworks}).
 */
package org.imbridge.core.network;
