/** Where files in transit live on disk, readable by the gateway's user only. */
package org.imbridge.xmpp.files.temp;
