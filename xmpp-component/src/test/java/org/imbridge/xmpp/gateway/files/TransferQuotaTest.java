package org.imbridge.xmpp.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TransferQuotaTest {

    @Test
    void eachUserHasTheirOwnTransfersAndALeaseGivesItsPlaceBackOnce() {
        TransferQuota quota = new TransferQuota(2);
        Optional<TransferQuota.Lease> first = quota.acquire("romeo@example.org");
        Optional<TransferQuota.Lease> second = quota.acquire("romeo@example.org");

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(quota.acquire("romeo@example.org")).as("a third at once").isEmpty();
        assertThat(quota.acquire("juliet@example.org")).as("another user's").isPresent();

        first.get().close();
        first.get().close(); // idempotent: gives back one place, not two
        assertThat(quota.running("romeo@example.org")).isOne();
        assertThat(quota.acquire("romeo@example.org")).isPresent();
        assertThat(quota.acquire("romeo@example.org")).isEmpty();
    }

    @Test
    void sizesAreSaidInUnitsPeopleRead() {
        assertThat(FileNotices.size(1)).isEqualTo("1 byte");
        assertThat(FileNotices.size(1000)).isEqualTo("1000 bytes");
        assertThat(FileNotices.size(2000)).isEqualTo("2 KiB");
        assertThat(FileNotices.size(3L * 1024 * 1024)).isEqualTo("3.0 MiB");
    }
}
