package org.imbridge.msn.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MsnftpCodecProperties {

    /** Blocks of any size up to the limit survive any split of the stream. */
    @Property(tries = 100)
    void blocksSurviveAnySplit(@ForAll @Size(max = 6) List<@Size(max = 2045) byte[]> blocks,
                               @ForAll @IntRange(min = 1, max = 3000) int chunk) throws Exception {
        List<MsnftpFrame> frames = new ArrayList<>();
        frames.add(new MsnftpFrame.Line("FIL 1"));
        blocks.forEach(b -> frames.add(new MsnftpFrame.DataBlock(b)));
        byte[] wire = MsnftpDecoderHarness.encode(frames.toArray(MsnftpFrame[]::new));
        MsnftpDecoderHarness h = new MsnftpDecoderHarness(MsnftpRole.RECEIVER);

        List<MsnftpFrame> out = new ArrayList<>();
        for (int at = 0; at < wire.length; at += chunk) {
            out.addAll(h.feed(java.util.Arrays.copyOfRange(wire, at, Math.min(wire.length, at + chunk))));
        }

        assertThat(out).isEqualTo(frames);
    }
}
