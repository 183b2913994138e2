/** Test support for other modules' tests on a private ejabberd (ejabberd-runner's test-jar). */
package org.imbridge.ejabberd.testing;
