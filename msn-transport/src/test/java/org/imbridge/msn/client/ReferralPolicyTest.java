package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReferralPolicyTest {

    private static InetSocketAddress at(String literal) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), 1863);
    }

    private static ReferralPolicy policy(String server, String... allowed) {
        return new ReferralPolicy(InetSocketAddress.createUnresolved(server, 1863), ReferralAllowList.of(List.of(allowed)));
    }

    @Test
    void theConfiguredServersHostIsAcceptedByNameAndByTheAddressReached() throws Exception {
        ReferralPolicy p = policy("messenger.example.org");
        assertThatCode(() -> p.check("MESSENGER.example.org", at("198.51.100.7"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> p.check("203.0.113.9", at("203.0.113.9"))).isInstanceOf(MsnReferralRefusedException.class);
        p.serverReachedAt(InetAddress.getByName("203.0.113.9"));
        assertThatCode(() -> p.check("203.0.113.9", at("203.0.113.9"))).doesNotThrowAnyException();
    }

    @Test
    void loopbackAndPrivateTargetsNeedTheServerThereOrAnEntry() throws Exception {
        ReferralPolicy p = policy("messenger.example.org", "10.0.0.0/8", "sb.example.net", "*.sb.example.com");
        assertThatThrownBy(() -> p.check("127.0.0.1", at("127.0.0.1"))).isInstanceOf(MsnReferralRefusedException.class);
        assertThatThrownBy(() -> p.check("192.168.1.1", at("192.168.1.1"))).isInstanceOf(MsnReferralRefusedException.class);
        assertThatThrownBy(() -> p.check("11.0.0.1", at("11.0.0.1"))).isInstanceOf(MsnReferralRefusedException.class);
        assertThatCode(() -> p.check("10.200.0.1", at("10.200.0.1"))).doesNotThrowAnyException();
        assertThatCode(() -> p.check("sb.example.net", at("192.168.1.1"))).doesNotThrowAnyException();
        assertThatCode(() -> p.check("a.sb.example.com", at("192.168.1.2"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> p.check("sb.example.com.evil.org", at("192.168.1.2")))
                .isInstanceOf(MsnReferralRefusedException.class);
        ReferralPolicy local = policy("127.0.0.1");
        local.serverReachedAt(InetAddress.getByName("127.0.0.1"));
        assertThatCode(() -> local.check("127.0.0.1", at("127.0.0.1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> local.check("127.0.0.2", at("127.0.0.2"))).isInstanceOf(MsnReferralRefusedException.class);
    }

    @Test
    void linkLocalMulticastAndTheAnyAddressAreRefusedEvenWhenListed() throws Exception {
        ReferralPolicy p = policy("metadata.example", "0.0.0.0/0", "::/0");
        for (String bad : List.of("169.254.169.254", "fe80::1", "224.0.0.1", "ff02::1", "0.0.0.0", "::")) {
            assertThatThrownBy(() -> p.check(bad, at(bad))).as(bad).isInstanceOf(MsnReferralRefusedException.class);
        }
        assertThatThrownBy(() -> p.check("metadata.example", at("169.254.169.254")))
                .isInstanceOf(MsnReferralRefusedException.class);
    }

    @Test
    void badAllowListEntriesAreNamed() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0/8", "300.1.1.1", "a b", "", "host/8", "fe80::/129", "a,b")) {
            assertThatThrownBy(() -> ReferralAllowList.of(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatCode(() -> ReferralAllowList.of(List.of("2001:db8::/32", "10.1.2.3", "*.example.net")))
                .doesNotThrowAnyException();
    }
}
