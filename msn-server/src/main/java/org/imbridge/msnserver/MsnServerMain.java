package org.imbridge.msnserver;

/** Placeholder entry point; replaced by the standalone server launcher. */
public final class MsnServerMain {
    private MsnServerMain() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }
}
