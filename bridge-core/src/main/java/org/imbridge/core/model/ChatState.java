package org.imbridge.core.model;

/** Conversation states (the XEP-0085 set, which legacy typing notices map onto). */
public enum ChatState {
    ACTIVE,
    COMPOSING,
    PAUSED,
    INACTIVE,
    GONE
}
