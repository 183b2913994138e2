package org.imbridge.msn.ftp;

import org.apache.mina.core.session.IoSession;

/** One end of one transfer, fed the events of its connection by {@link MsnftpIoHandler}. */
interface MsnftpEndpoint {

    void opened(IoSession session);

    void received(IoSession session, MsnftpFrame frame);

    void closed(IoSession session);

    void failed(IoSession session, Throwable cause);
}
