/**
 * The {@code imbridge} command line (picocli): {@code run}, {@code check-config}, {@code users},
 * {@code msn-server}, {@code demo}; every command has {@code --help}, exit codes are in
 * {@link org.imbridge.app.launcher.cli.ExitCodes}.
 */
package org.imbridge.app.launcher.cli;
