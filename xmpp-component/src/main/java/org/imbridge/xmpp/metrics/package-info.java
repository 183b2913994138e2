/**
 * Operations: Micrometer meters of the transport (users, legacy logins, messages each way, errors by
 * kind, queue depths), a per-minute message rate for the admin statistics, and a small Prometheus
 * endpoint on MINA, off unless {@code metrics.port} is set.
 */
package org.imbridge.xmpp.metrics;
