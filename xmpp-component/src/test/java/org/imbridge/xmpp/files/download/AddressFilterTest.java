package org.imbridge.xmpp.files.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "0.0.0.0", "224.0.0.1", "100.64.0.1", "100.127.255.254", "::1", "::", "fe80::1",
            "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe"})
    void specialAddressesAreForbidden(String address) throws Exception {
        assertThat(AddressFilter.isForbidden(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "2606:2800:220:1:248:1893:25c8:1946", "64:ff9b::808:808"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(AddressFilter.isForbidden(InetAddress.getByName(address))).isFalse();
    }
}
