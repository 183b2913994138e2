package org.imbridge.xmpp.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Only removals that happened here are skipped when the log brings them back, each once. */
class LocalRemovalsTest {

    private final LocalRemovals local = new LocalRemovals();

    @Test
    void aRemovalMadeHereIsTakenOnce() {
        assertThat(local.remove("romeo@example.net", () -> true)).isTrue();

        assertThat(local.take("romeo@example.net")).isTrue();
        assertThat(local.take("romeo@example.net")).isFalse();
        assertThat(local.take("juliet@example.net")).isFalse();
    }

    @Test
    void twoRemovalsOfTheSameUserAreTwoMarks() {
        local.remove("romeo@example.net", () -> true);
        local.remove("romeo@example.net", () -> true);

        assertThat(local.take("romeo@example.net")).isTrue();
        assertThat(local.take("romeo@example.net")).isTrue();
        assertThat(local.take("romeo@example.net")).isFalse();
    }

    @Test
    void nothingRemovedOrAFailingStoreLeavesNoMark() {
        assertThat(local.remove("romeo@example.net", () -> false)).isFalse();
        assertThatThrownBy(() -> local.remove("romeo@example.net", () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");

        assertThat(local.take("romeo@example.net")).isFalse();
    }
}
