package org.imbridge.msn.protocol;

import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * Input that is not MSNP: a malformed line, a bad length, an oversized line or payload. The decoder
 * throws it; the connection's handler logs it and closes that one connection.
 */
public class MsnpProtocolException extends ProtocolDecoderException {

    private static final long serialVersionUID = 1L;

    public MsnpProtocolException(String message) {
        super(message);
    }
}
