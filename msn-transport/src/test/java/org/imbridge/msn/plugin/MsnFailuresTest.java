package org.imbridge.msn.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.msn.client.DisconnectReason;
import org.imbridge.msn.client.MsnConnectException;
import org.imbridge.msn.client.MsnConnectionClosedException;
import org.imbridge.msn.client.MsnDeliveryException;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.MsnReferralRefusedException;
import org.imbridge.msn.client.MsnTimeoutException;
import org.junit.jupiter.api.Test;

/** Client failures as the kinds the bridge acts on. */
class MsnFailuresTest {

    @Test
    void loginFailures() {
        assertThat(MsnFailures.login(new CompletionException(new MsnErrorException(911, "USR"))).kind())
                .isEqualTo(LoginFailure.Kind.BAD_CREDENTIALS);
        assertThat(MsnFailures.login(new MsnErrorException(601, "USR")).kind()).isEqualTo(LoginFailure.Kind.UNREACHABLE);
        assertThat(MsnFailures.login(new MsnErrorException(500, "USR")).kind()).isEqualTo(LoginFailure.Kind.REFUSED);
        assertThat(MsnFailures.login(new MsnConnectException(new InetSocketAddress("127.0.0.1", 1), new ConnectException()))
                .kind()).isEqualTo(LoginFailure.Kind.UNREACHABLE);
        assertThat(MsnFailures.login(new MsnTimeoutException("slow")).kind()).isEqualTo(LoginFailure.Kind.TIMEOUT);
        assertThat(MsnFailures.login(new IllegalArgumentException("x")).kind()).isEqualTo(LoginFailure.Kind.MALFORMED_ACCOUNT);
    }

    @Test
    void deliveryFailures() {
        assertThat(MsnFailures.delivery(new MsnErrorException(217, "CAL"), "bob@x.org").kind())
                .isEqualTo(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE);
        assertThat(MsnFailures.delivery(new MsnErrorException(913, "XFR"), "bob@x.org").kind())
                .isEqualTo(DeliveryFailure.Kind.SESSION_DOWN);
        assertThat(MsnFailures.delivery(new MsnReferralRefusedException("referral to 169.254.169.254:80 refused"),
                "bob@x.org")).satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.NOT_DELIVERED);
                    assertThat(f.userText()).contains("bob@x.org").contains("not delivered");
                });
        assertThat(MsnFailures.delivery(new MsnDeliveryException(4), "bob@x.org").kind())
                .isEqualTo(DeliveryFailure.Kind.NOT_DELIVERED);
        assertThat(MsnFailures.delivery(new MsnTimeoutException("no ACK"), "bob@x.org").kind())
                .isEqualTo(DeliveryFailure.Kind.TIMEOUT);
        assertThat(MsnFailures.delivery(new MsnConnectionClosedException("closed", DisconnectReason.CONNECTION_LOST),
                "bob@x.org").userText()).contains("bob@x.org");
    }

    @Test
    void listEditFailures() {
        assertThat(MsnFailures.listEdit(new MsnErrorException(205, "ADD"), "ghost@x.org").userText())
                .isEqualTo("ghost@x.org is not an MSN account");
        assertThat(MsnFailures.listEdit(new MsnErrorException(210, "ADD"), "a@x.org").kind())
                .isEqualTo(DeliveryFailure.Kind.NOT_ACCEPTABLE);
    }
}
