/**
 * Tests of msn-transport's MSN plugin ({@code org.imbridge.msn.plugin}) against our own server. They
 * live here and not beside the plugin because they need msn-server, which depends on msn-transport.
 */
package org.imbridge.msnserver.plugin;
