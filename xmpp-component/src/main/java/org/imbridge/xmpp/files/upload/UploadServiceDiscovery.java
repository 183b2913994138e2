package org.imbridge.xmpp.files.upload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;

/**
 * Finds a domain's XEP-0363 upload service (§2): disco#info on the domain itself, and if it is not the
 * service, disco#items on the domain and disco#info on each item in turn (at most {@link #MAX_ITEMS}),
 * the first with the feature being the one. The answer per domain is cached (a bounded LRU; a domain
 * without a service is cached too); a failed look-up is not cached, so the next call asks again.
 * Concurrent look-ups for one domain share the same requests. Thread-safe.
 */
public final class UploadServiceDiscovery {

    /** Items of a domain asked about at most. */
    public static final int MAX_ITEMS = 32;

    private final Function<IQ, CompletionStage<IQ>> requests;
    private final Jid from;
    private final Map<DomainBareJid, CompletableFuture<Optional<UploadService>>> cache;

    /**
     * @param requests       sends the disco requests
     * @param from           the component's JID, the requests' sender
     * @param maxCachedDomains how many domains' answers are kept
     */
    public UploadServiceDiscovery(IqRequests requests, Jid from, int maxCachedDomains) {
        this(requests::send, from, maxCachedDomains);
    }

    UploadServiceDiscovery(Function<IQ, CompletionStage<IQ>> requests, Jid from, int maxCachedDomains) {
        if (maxCachedDomains < 1) {
            throw new IllegalArgumentException("maxCachedDomains must be positive");
        }
        this.requests = requests;
        this.from = from;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<DomainBareJid, CompletableFuture<Optional<UploadService>>> eldest) {
                return size() > maxCachedDomains;
            }
        };
    }

    /**
     * @return completes with the domain's upload service, or empty when it has none; fails (with the
     *         {@link org.imbridge.xmpp.gateway.iq.IqRequestException}) when the domain could not be asked
     */
    public CompletionStage<Optional<UploadService>> find(DomainBareJid domain) {
        CompletableFuture<Optional<UploadService>> lookup;
        synchronized (cache) {
            CompletableFuture<Optional<UploadService>> known = cache.get(domain);
            if (known != null) {
                return known.minimalCompletionStage();
            }
            lookup = new CompletableFuture<>();
            cache.put(domain, lookup);
        }
        CompletableFuture<Optional<UploadService>> result = lookup;
        discover(domain).whenComplete((service, failure) -> {
            if (failure != null) {
                synchronized (cache) {
                    cache.remove(domain, result);
                }
                result.completeExceptionally(failure);
            } else {
                result.complete(service);
            }
        });
        return lookup.minimalCompletionStage();
    }

    /** Forgets what is known of a domain (say, after its upload service refused a request). */
    public void forget(DomainBareJid domain) {
        synchronized (cache) {
            cache.remove(domain);
        }
    }

    /** @return how many domains' answers are cached */
    public int cachedDomains() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private CompletionStage<Optional<UploadService>> discover(DomainBareJid domain) {
        return info(domain).thenCompose(info -> {
            Optional<UploadService> service = serviceOf(domain, info);
            if (service.isPresent()) {
                return CompletableFuture.completedFuture(service);
            }
            return items(domain).thenCompose(items -> firstService(items, 0));
        });
    }

    private CompletionStage<Optional<UploadService>> firstService(List<Jid> items, int index) {
        if (index >= items.size() || index >= MAX_ITEMS) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Jid item = items.get(index);
        return info(item).handle((info, failure) -> failure == null ? serviceOf(item, info) : Optional.<UploadService>empty())
                .thenCompose(service -> service.isPresent()
                        ? CompletableFuture.completedFuture(service)
                        : firstService(items, index + 1));
    }

    private CompletionStage<DiscoverInfo> info(Jid to) {
        DiscoverInfo request = DiscoverInfo.builder("upload-info-" + StringUtils.randomString(8)).ofType(IQ.Type.get).from(from).to(to).build();
        return requests.apply(request).thenApply(answer -> {
            if (answer instanceof DiscoverInfo info) {
                return info;
            }
            throw new IllegalStateException(to + " did not answer disco#info with disco#info");
        });
    }

    private CompletionStage<List<Jid>> items(Jid to) {
        DiscoverItems request = new DiscoverItems();
        request.setType(IQ.Type.get);
        request.setFrom(from);
        request.setTo(to);
        return requests.apply(request).thenApply(answer -> answer instanceof DiscoverItems items
                ? items.getItems().stream().map(DiscoverItems.Item::getEntityID).distinct().limit(MAX_ITEMS).toList()
                : List.of());
    }

    private static Optional<UploadService> serviceOf(Jid jid, DiscoverInfo info) {
        if (!info.containsFeature(UploadRequest.NAMESPACE)) {
            return Optional.empty();
        }
        return Optional.of(new UploadService(jid, maxFileSize(info)));
    }

    private static OptionalLong maxFileSize(DiscoverInfo info) {
        DataForm form = DataForm.from(info, UploadRequest.NAMESPACE);
        FormField field = form == null ? null : form.getField("max-file-size");
        String value = field == null ? null : field.getFirstValue();
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long size = Long.parseLong(value.strip());
            return size > 0 ? OptionalLong.of(size) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
