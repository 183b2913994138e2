package org.imbridge.xmpp.files.upload;

import java.util.Objects;
import java.util.OptionalLong;

import org.jxmpp.jid.Jid;

/**
 * A server's XEP-0363 upload service.
 *
 * @param jid         where slot requests go
 * @param maxFileSize the largest file it takes, when it says (XEP-0128 field {@code max-file-size})
 */
public record UploadService(Jid jid, OptionalLong maxFileSize) {

    public UploadService {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(maxFileSize, "maxFileSize");
    }

    /** @return true if a file of {@code size} bytes is within the service's limit (or it has none) */
    public boolean accepts(long size) {
        return maxFileSize.isEmpty() || size <= maxFileSize.getAsLong();
    }
}
