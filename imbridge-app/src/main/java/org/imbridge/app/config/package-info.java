/**
 * The transport's configuration file ({@code config/transport.yaml}): typed records, loading with
 * {@code ${ENV}} substitution, and validation whose messages name the file and the key.
 */
package org.imbridge.app.config;
