package org.imbridge.core.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private static final Instant T = Instant.parse("2024-05-01T10:00:00.123456789Z");

    private static Registration romeo(Map<String, String> settings) {
        return new Registration("romeo@example.net", "msn", "romeo@hotmail.com", "hunter2", settings, T, T);
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(romeo(Map.of("nick", "Romeo")).toString())
                .contains("romeo@example.net", "romeo@hotmail.com", "nick=Romeo", "legacyPassword=***")
                .doesNotContain("hunter2");
    }

    @Test
    void settingsAreASortedUnmodifiableCopy() {
        Map<String, String> source = new HashMap<>(Map.of("b", "2", "a", "1"));
        Registration registration = romeo(source);
        source.put("c", "3");

        assertThat(registration.settings()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThatThrownBy(() -> registration.settings().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void instantsAreKeptToTheMillisecond() {
        assertThat(romeo(Map.of()).registeredAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
    }

    @Test
    void withersChangeOneThingAndKeepTheRegistrationTime() {
        Registration base = romeo(Map.of("a", "1"));

        Registration credentials = base.withLegacyCredentials("other@hotmail.com", "new");
        assertThat(credentials.legacyAccount()).isEqualTo("other@hotmail.com");
        assertThat(credentials.legacyPassword()).isEqualTo("new");
        assertThat(credentials.settings()).isEqualTo(base.settings());
        assertThat(credentials.registeredAt()).isEqualTo(T.truncatedTo(ChronoUnit.MILLIS));
        assertThat(credentials.updatedAt()).isAfter(base.updatedAt());

        assertThat(base.withSetting("b", "2").settings()).containsOnlyKeys("a", "b");
        assertThat(base.withoutSetting("a").settings()).isEmpty();
        assertThat(base.settings()).containsOnlyKeys("a");
    }

    @Test
    void invalidFieldsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> Registration.of("romeo@example.net/home", "msn", "r@hotmail.com", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare JID");
        assertThatThrownBy(() -> Registration.of(" ", "msn", "r@hotmail.com", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user JID");
        assertThatThrownBy(() -> Registration.of("a".repeat(2048), "msn", "r@hotmail.com", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2047 bytes");
        assertThatThrownBy(() -> Registration.of("romeo@example.net", "MSN", "r@hotmail.com", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("network id");
        assertThatThrownBy(() -> Registration.of("romeo@example.net", "msn", "r @hotmail.com", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legacy account");
        assertThatThrownBy(() -> Registration.of("romeo@example.net", "msn", "r@hotmail.com", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legacy password");
        assertThatThrownBy(() -> romeo(Map.of("bad name", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting name");
        assertThatThrownBy(() -> romeo(Map.of("long", "x".repeat(1025))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting long");
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThatThrownBy(() -> romeo(tooMany))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 64 settings");
    }

    @Test
    void tooLongPasswordIsRefusedWithoutQuotingIt() {
        String password = "secret".repeat(50);

        assertThatThrownBy(() -> Registration.of("romeo@example.net", "msn", "r@hotmail.com", password))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256")
                .hasMessageNotContaining("secret");
    }
}
