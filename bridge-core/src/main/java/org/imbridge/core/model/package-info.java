/** Network-neutral values: legacy addresses, presence, contacts, chat states, delivery failures. */
package org.imbridge.core.model;
