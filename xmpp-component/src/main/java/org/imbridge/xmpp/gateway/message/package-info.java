/** Chat messages, XEP-0085 chat states and XEP-0184 receipts from the user to legacy contacts. */
package org.imbridge.xmpp.gateway.message;
