package org.imbridge.msnserver.login;

import org.apache.mina.core.session.IoSession;
import org.imbridge.msnserver.wire.Connection;

/** A dispatch or notification connection: one that goes through the login stage. */
public abstract class LoginConnection extends Connection {

    private LoginStage stage = LoginStage.AWAITING_VERSION;
    private boolean infoAnswered;
    private String dialect;

    protected LoginConnection(IoSession session) {
        super(session);
    }

    public LoginStage stage() {
        return stage;
    }

    public void stage(LoginStage next) {
        stage = next;
    }

    public boolean infoAnswered() {
        return infoAnswered;
    }

    public void infoAnswered(boolean answered) {
        infoAnswered = answered;
    }

    /** The highest dialect both sides named in VER, e.g. {@code MSNP7}; {@code null} before VER. */
    public String dialect() {
        return dialect;
    }

    public void dialect(String agreed) {
        dialect = agreed;
    }
}
