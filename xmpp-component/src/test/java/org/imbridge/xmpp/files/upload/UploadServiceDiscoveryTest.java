package org.imbridge.xmpp.files.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.imbridge.xmpp.gateway.RecordingSink;
import org.imbridge.xmpp.gateway.iq.IqRequestException;
import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** Finding the upload service with scripted disco answers fed to the real {@link IqRequests}. */
class UploadServiceDiscoveryTest {

    private static final DomainBareJid DOMAIN = JidCreate.domainBareFromOrThrowUnchecked("example.org");
    private static final Jid COMPONENT = JidCreate.fromOrThrowUnchecked("msn.example.org");
    private static final Jid UPLOAD = JidCreate.fromOrThrowUnchecked("upload.example.org");
    private static final Jid CONFERENCE = JidCreate.fromOrThrowUnchecked("conference.example.org");

    private final RecordingSink sink = new RecordingSink();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final IqRequests requests = new IqRequests(sink, scheduler, Duration.ofSeconds(10));
    private final UploadServiceDiscovery discovery = new UploadServiceDiscovery(requests, COMPONENT, 2);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void theDomainItselfMayBeTheServiceWithItsSizeLimit() throws Exception {
        CompletableFuture<Optional<UploadService>> found = discovery.find(DOMAIN).toCompletableFuture();

        DiscoverInfo asked = lastInfoRequest(DOMAIN);
        assertThat(asked.getFrom().toString()).isEqualTo(COMPONENT.toString());
        answerInfo(asked, true, "5242880");

        assertThat(found.get(1, TimeUnit.SECONDS)).contains(new UploadService(DOMAIN, OptionalLong.of(5242880)));
    }

    @Test
    void otherwiseItemsAreAskedInTurnAndTheAnswerIsCached() throws Exception {
        CompletableFuture<Optional<UploadService>> found = discovery.find(DOMAIN).toCompletableFuture();

        answerInfo(lastInfoRequest(DOMAIN), false, null);
        DiscoverItems items = (DiscoverItems) sink.last();
        assertThat(items.getTo().toString()).isEqualTo(DOMAIN.toString());
        DiscoverItems itemsAnswer = new DiscoverItems();
        itemsAnswer.setType(IQ.Type.result);
        itemsAnswer.setStanzaId(items.getStanzaId());
        itemsAnswer.setFrom(DOMAIN);
        itemsAnswer.setTo(COMPONENT);
        itemsAnswer.addItem(new DiscoverItems.Item(CONFERENCE));
        itemsAnswer.addItem(new DiscoverItems.Item(UPLOAD));
        assertThat(requests.accept(itemsAnswer)).isTrue();

        answerInfo(lastInfoRequest(CONFERENCE), false, null);
        answerInfo(lastInfoRequest(UPLOAD), true, null);

        assertThat(found.get(1, TimeUnit.SECONDS)).contains(new UploadService(UPLOAD, OptionalLong.empty()));
        int sent = sink.sent().size();
        assertThat(discovery.find(DOMAIN).toCompletableFuture().get(1, TimeUnit.SECONDS))
                .map(UploadService::jid).contains(UPLOAD);
        assertThat(sink.sent()).as("the second look-up is answered from the cache").hasSize(sent);
    }

    @Test
    void aDomainWithoutServiceIsEmpty() throws Exception {
        CompletableFuture<Optional<UploadService>> found = discovery.find(DOMAIN).toCompletableFuture();

        answerInfo(lastInfoRequest(DOMAIN), false, null);
        DiscoverItems items = (DiscoverItems) sink.last();
        assertThat(requests.accept(IQ.createErrorResponse(items, StanzaError.Condition.service_unavailable))).isTrue();

        assertThatThrownBy(() -> found.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IqRequestException.class);
        assertThat(discovery.cachedDomains()).as("a failure is not cached").isZero();

        CompletableFuture<Optional<UploadService>> again = discovery.find(DOMAIN).toCompletableFuture();
        answerInfo(lastInfoRequest(DOMAIN), false, null);
        DiscoverItems secondItems = (DiscoverItems) sink.last();
        DiscoverItems none = new DiscoverItems();
        none.setType(IQ.Type.result);
        none.setStanzaId(secondItems.getStanzaId());
        none.setFrom(DOMAIN);
        requests.accept(none);
        assertThat(again.get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(discovery.cachedDomains()).isEqualTo(1);
    }

    @Test
    void theCacheIsBounded() throws Exception {
        for (String domain : new String[] {"a.org", "b.org", "c.org"}) {
            DomainBareJid jid = JidCreate.domainBareFrom(domain);
            CompletableFuture<Optional<UploadService>> found = discovery.find(jid).toCompletableFuture();
            answerInfo(lastInfoRequest(jid), true, "100");
            assertThat(found.get(1, TimeUnit.SECONDS)).isPresent();
        }

        assertThat(discovery.cachedDomains()).isEqualTo(2);
    }

    private DiscoverInfo lastInfoRequest(Jid to) {
        assertThat(sink.last()).isInstanceOf(DiscoverInfo.class);
        DiscoverInfo request = (DiscoverInfo) sink.last();
        assertThat(request.getTo().toString()).isEqualTo(to.toString());
        assertThat(request.getType()).isEqualTo(IQ.Type.get);
        return request;
    }

    private void answerInfo(DiscoverInfo request, boolean upload, String maxSize) {
        DiscoverInfoBuilder answer = DiscoverInfoBuilder.buildResponseFor(request, IQ.ResponseType.result)
                .addIdentity(new DiscoverInfo.Identity(upload ? "store" : "server", upload ? "file" : "im"))
                .addFeature("http://jabber.org/protocol/disco#info");
        if (upload) {
            answer.addFeature(UploadRequest.NAMESPACE);
        }
        if (maxSize != null) {
            answer.addExtension(DataForm.builder(DataForm.Type.result)
                    .addField(FormField.buildHiddenFormType(UploadRequest.NAMESPACE))
                    .addField(FormField.textSingleBuilder("max-file-size").setValue(maxSize).build()).build());
        }
        assertThat(requests.accept(answer.build())).isTrue();
    }
}
