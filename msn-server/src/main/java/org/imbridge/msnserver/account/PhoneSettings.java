package org.imbridge.msnserver.account;

import java.util.List;

/** The phone settings of PRP/BPR (docs/msnp.md §5.3): home, work, mobile numbers and the mobile flags. */
public final class PhoneSettings {

    /** Keys in the order SYN reports them. */
    public static final List<String> KINDS = List.of("PHH", "PHW", "PHM", "MOB", "MBE");

    private PhoneSettings() {
    }

    public static boolean isKind(String kind) {
        return KINDS.contains(kind);
    }
}
