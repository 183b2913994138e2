package org.imbridge.msn.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.StringLength;

class FileInvitationProperties {

    @Property(tries = 300)
    void anySanitisedNameRoundTrips(@ForAll @StringLength(max = 400) String name,
                                    @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long cookie,
                                    @ForAll @Positive long size) throws Exception {
        String safe = FileInvitation.sanitizeFileName(name);
        FileInvitation inv = FileInvitation.invite(cookie, safe, size);

        FileInvitation parsed = FileInvitation.parse(inv.toBody());

        assertThat(parsed).isEqualTo(inv);
        assertThat(parsed.safeFileName()).isEqualTo(safe);
    }

    @Property(tries = 300)
    void parsingArbitraryTextNeverThrowsAnythingElse(@ForAll @StringLength(max = 600) String junk) {
        try {
            FileInvitation.parse("Invitation-Command: INVITE\r\nInvitation-Cookie: 1\r\n" + junk);
        } catch (InvalidInvitationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
