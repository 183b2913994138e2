package org.imbridge.xmpp.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class UserAllowlistTest {

    @Test
    void patterns() {
        UserAllowlist list = new UserAllowlist(List.of("example.org", "bob@other.org", "*@*.corp.example"));
        assertThat(list.allows("alice@example.org")).isTrue();
        assertThat(list.allows("Alice@Example.ORG")).isTrue();
        assertThat(list.allows("alice@evil-example.org")).isFalse();
        assertThat(list.allows("bob@other.org")).isTrue();
        assertThat(list.allows("eve@other.org")).isFalse();
        assertThat(list.allows("x@dev.corp.example")).isTrue();
        assertThat(list.allows("x@corp.example")).isFalse();
        assertThat(UserAllowlist.everyone().allows("anyone@anywhere.net")).isTrue();
        assertThat(new UserAllowlist(List.of()).allows("anyone@anywhere.net")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        UserAllowlist list = new UserAllowlist(List.of("a.b@example.org"));
        assertThat(list.allows("axb@example.org")).isFalse();
        assertThatThrownBy(() -> new UserAllowlist(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }
}
