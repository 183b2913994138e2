package org.imbridge.xmpp.gateway.groupchat;

/**
 * Bounds of the rooms kept for users.
 *
 * @param roomsPerUser     rooms one user may have at once (joined or not)
 * @param queuedPerRoom    messages kept for a room the user has not joined yet; beyond, they are counted
 * @param occupantsPerRoom participants a room shows (the user not counted); beyond, invitations are refused
 */
public record RoomLimits(int roomsPerUser, int queuedPerRoom, int occupantsPerRoom) {

    public static final RoomLimits DEFAULT = new RoomLimits(20, 100, 50);

    public RoomLimits {
        if (roomsPerUser < 1 || queuedPerRoom < 1 || occupantsPerRoom < 1) {
            throw new IllegalArgumentException("room limits must be positive: " + roomsPerUser + ", " + queuedPerRoom
                    + ", " + occupantsPerRoom);
        }
    }
}
