/**
 * What the dispatch, notification and switchboard servers share: the MINA listener, the per-connection
 * base class, command routing to one handler per command family, the network-wide lock and scheduler.
 */
package org.imbridge.msnserver.wire;
