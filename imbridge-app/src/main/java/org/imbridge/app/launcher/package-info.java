/**
 * Starting and stopping the transport: configuration to running components
 * ({@link org.imbridge.app.launcher.TransportFactory}, {@link org.imbridge.app.launcher.Transport}),
 * the configuration followed while running ({@link org.imbridge.app.launcher.LiveConfig},
 * {@link org.imbridge.app.launcher.ConfigReloader}), the limits applied in front of the gateway, and
 * logging set-up. The command line is in {@code cli}, the demo in {@code demo}.
 */
package org.imbridge.app.launcher;
