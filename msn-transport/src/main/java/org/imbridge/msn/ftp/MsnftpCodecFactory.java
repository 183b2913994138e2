package org.imbridge.msn.ftp;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.imbridge.mina.PerSessionDecoder;

/** The MSNFTP codec for one end of the connection: a {@link MsnftpDecoder} per session, one encoder. */
public final class MsnftpCodecFactory implements ProtocolCodecFactory {

    private final MsnftpEncoder encoder = new MsnftpEncoder();
    private final PerSessionDecoder decoders;

    public MsnftpCodecFactory(MsnftpRole role) {
        decoders = new PerSessionDecoder(MsnftpCodecFactory.class, () -> new MsnftpDecoder(role));
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoders.of(session);
    }
}
