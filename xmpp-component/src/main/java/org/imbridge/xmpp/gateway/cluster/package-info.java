/**
 * The gateway's part in a deployment of several transport instances (see the README, "Running several
 * instances"): the heartbeat that watches who else is live and asks the users of a vanished instance
 * to show themselves again ({@link org.imbridge.xmpp.gateway.cluster.ClusterWatcher}), and the first
 * message of a user whose session lives nowhere here yet ({@link org.imbridge.xmpp.gateway.cluster.SessionAdoption}).
 */
package org.imbridge.xmpp.gateway.cluster;
