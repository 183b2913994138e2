/**
 * The MSNP7 client on Apache MINA: {@link org.imbridge.msn.client.MsnClient} owns one shared socket
 * connector and one timer thread for any number of accounts; {@link org.imbridge.msn.client.NotificationSession}
 * is one logged-in account, {@link org.imbridge.msn.client.SwitchboardSession} one conversation.
 *
 * <p>Everything is asynchronous: requests return {@link java.util.concurrent.CompletionStage}s and
 * server events arrive at listeners. Both run on MINA I/O threads (or the client's timer thread), so
 * listeners and stage callbacks must not block; hand longer work to an executor of your own.
 */
package org.imbridge.msn.client;
