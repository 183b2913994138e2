package org.imbridge.msnserver.switchboard;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.apache.mina.core.session.IoSession;
import org.imbridge.msnserver.wire.Connection;

/**
 * A client's connection to the switchboard server: before USR / ANS it is nobody; after, it is one
 * participant of one room, with the friendly name it joined with. Lock held.
 */
public final class SwitchboardConnection extends Connection {

    private final Consumer<SwitchboardConnection> onClosing;
    private String handle;
    private String friendly;
    private Room room;
    private long lastActivity;
    private boolean idleKick;
    private ScheduledFuture<?> timer;

    SwitchboardConnection(IoSession session, Consumer<SwitchboardConnection> onClosing, long now) {
        super(session);
        this.onClosing = onClosing;
        this.lastActivity = now;
    }

    void joined(String joinedHandle, String joinedFriendly, Room joinedRoom) {
        handle = joinedHandle;
        friendly = joinedFriendly;
        room = joinedRoom;
    }

    /** True once USR OK or ANS OK was sent. */
    public boolean isJoined() {
        return room != null;
    }

    public String handle() {
        return handle;
    }

    /** The friendly name (wire form) as it was when this participant joined. */
    public String friendly() {
        return friendly;
    }

    Room room() {
        return room;
    }

    void leftRoom() {
        room = null;
    }

    long lastActivity() {
        return lastActivity;
    }

    void touch(long now) {
        lastActivity = now;
    }

    boolean idleKick() {
        return idleKick;
    }

    void markIdleKick() {
        idleKick = true;
    }

    void timer(ScheduledFuture<?> next) {
        timer = next;
    }

    @Override
    protected void onClosing() {
        if (timer != null) {
            timer.cancel(false);
        }
        onClosing.accept(this);
    }

    @Override
    public String toString() {
        return "SB#" + session().getId() + "(" + (handle != null ? handle : peer()) + ")";
    }
}
