/**
 * Logs an admin can use under floods: one line per condition, not one per event
 * ({@link org.imbridge.app.launcher.logging.RepeatedLogFilter}).
 */
package org.imbridge.app.launcher.logging;
