/** A private PostgreSQL server on loopback, started and thrown away by tests and the bench. */
package org.imbridge.postgres;
