package org.imbridge.msn.ftp;

import org.apache.mina.filter.codec.ProtocolDecoderException;

/** Bytes that are not MSNFTP: a line too long, a bad block header, a block too long. */
public final class MsnftpProtocolException extends ProtocolDecoderException {

    private static final long serialVersionUID = 1L;

    public MsnftpProtocolException(String message) {
        super(message);
    }
}
