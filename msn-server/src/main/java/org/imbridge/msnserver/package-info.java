/**
 * Our own strict MSN network (MSNP7): {@link org.imbridge.msnserver.MsnServer} embeds it,
 * {@link org.imbridge.msnserver.MsnServerMain} runs it stand-alone.
 */
package org.imbridge.msnserver;
