package org.imbridge.xmpp.gateway.settings;

import java.util.concurrent.CompletionStage;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.registration.RegistrationStore;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * The "Settings" ad-hoc command (XEP-0050) of every registered user: the first stage shows the
 * settings form filled with the current values, the second applies the submitted one. Each stage
 * blocks until the network answered (run it off the I/O threads).
 */
public final class SettingsCommand {

    public static final String NODE = "urn:imbridge:user#settings";
    static final String FORM_TYPE = "urn:imbridge:settings";

    private final UserSettings settings;
    private final SettingsForm form;
    private final RegistrationStore store;

    public SettingsCommand(UserSettings settings, RegistrationStore store) {
        this.settings = settings;
        this.form = new SettingsForm(settings.network());
        this.store = store;
    }

    /** What a stage answers: a form to fill in, or a closing note (an error one when it failed). */
    public record Stage(DataForm form, String note, boolean failed) {

        public boolean needsInput() {
            return form != null;
        }
    }

    public String node() {
        return NODE;
    }

    public String name() {
        return "Settings";
    }

    /** True when {@code userJid} (bare) is registered, and so may run the command. Blocks (store). */
    public boolean mayRun(String userJid) {
        return store.find(userJid, settings.network().id()).isPresent();
    }

    public Stage start(String userJid) {
        try {
            AccountSettings current = join(settings.current(userJid));
            DataForm.Builder builder = DataForm.builder(DataForm.Type.form)
                    .setTitle("Your " + settings.network().shortName() + " settings")
                    .addInstruction("Change your name and who may see you on " + settings.network().name() + ".")
                    .addField(FormField.buildHiddenFormType(FORM_TYPE));
            form.fields(current).forEach(builder::addField);
            return new Stage(builder.build(), null, false);
        } catch (DeliveryFailure e) {
            return new Stage(null, e.userText(), true);
        }
    }

    public Stage submit(String userJid, DataForm submitted) {
        if (!SettingsForm.hasSettings(submitted)) {
            return new Stage(null, "Nothing was changed.", false);
        }
        try {
            join(settings.apply(userJid, submitted));
            return new Stage(null, "Your " + settings.network().shortName() + " settings are saved.", false);
        } catch (DeliveryFailure e) {
            return new Stage(null, e.userText(), true);
        }
    }

    private <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (RuntimeException e) {
            throw settings.failure(e);
        }
    }
}
