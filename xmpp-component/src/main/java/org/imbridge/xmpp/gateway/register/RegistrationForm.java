package org.imbridge.xmpp.gateway.register;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.xmpp.gateway.settings.SettingsForm;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.Jid;

/**
 * The registration form in both of XEP-0077's shapes: legacy fields ({@code username},
 * {@code password}) and an XEP-0004 data form with the same variables. Reads a submission in either.
 */
public final class RegistrationForm {

    public static final String ACCOUNT = "username";
    public static final String PASSWORD = "password";

    /** What the account field asks for, e.g. {@code MSN Messenger account (e-mail address)}. */
    private final String accountLabel;
    private final String networkName;
    private final SettingsForm settingsForm;

    public RegistrationForm(NetworkProfile network) {
        this.networkName = network.name();
        this.settingsForm = new SettingsForm(network);
        this.accountLabel = network.name() + " account (" + network.accountForm() + ")";
    }

    /**
     * A client's filled-in form as an XEP-0004 submission, as a Jabber client sends it (the demo's tour
     * and the tests play that client).
     */
    public static Registration submission(Jid transport, String account, String password) {
        DataForm form = DataForm.builder(DataForm.Type.submit)
                .addField(FormField.hiddenBuilder(FormField.FORM_TYPE).setValue(Registration.NAMESPACE).build())
                .addField(FormField.textSingleBuilder(ACCOUNT).setValue(account).build())
                .addField(FormField.textPrivateBuilder(PASSWORD).setValue(password).build())
                .build();
        Registration set = new Registration(Map.of());
        set.addExtension(form);
        set.setType(IQ.Type.set);
        set.setTo(transport);
        return set;
    }

    /** What a user fills in; {@code currentAccount} is shown when already registered (never the password). */
    public Registration blank(String currentAccount) {
        return blank(currentAccount, null);
    }

    /**
     * The form of a registered user, with their current {@code settings} (name, privacy) in the data
     * form when they are known (the user is online), else without them.
     */
    public Registration blank(String currentAccount, AccountSettings settings) {
        String instructions = "Enter your " + accountLabel + " and password.";
        Map<String, String> fields = new LinkedHashMap<>();
        if (currentAccount != null) {
            fields.put("registered", "");
        }
        fields.put(ACCOUNT, currentAccount == null ? "" : currentAccount);
        fields.put(PASSWORD, "");
        Registration form = new Registration(instructions, fields);
        form.addExtension(dataForm(instructions, currentAccount, settings));
        return form;
    }

    private DataForm dataForm(String instructions, String currentAccount, AccountSettings settings) {
        var account = FormField.textSingleBuilder(ACCOUNT)
                .setLabel(accountLabel)
                .setRequired(true);
        if (currentAccount != null) {
            account.setValue(currentAccount);
        }
        DataForm.Builder form = DataForm.builder(DataForm.Type.form)
                .setTitle("Register with " + networkName)
                .addInstruction(instructions)
                .addField(FormField.hiddenBuilder(FormField.FORM_TYPE).setValue(Registration.NAMESPACE).build())
                .addField(account.build())
                .addField(FormField.textPrivateBuilder(PASSWORD).setLabel("Password").setRequired(true).build());
        if (settings != null) {
            settingsForm.fields(settings).forEach(form::addField);
        }
        return form.build();
    }

    /** The submitted account and password, from the data form if there is one, else the legacy fields. */
    public Submission read(Registration request) {
        DataForm form = DataForm.from(request);
        if (form != null && form.getType() == DataForm.Type.submit) {
            return new Submission(value(form, ACCOUNT), value(form, PASSWORD));
        }
        Map<String, String> fields = request.getAttributes() == null ? Map.of() : request.getAttributes();
        return new Submission(trimmed(fields.get(ACCOUNT)), fields.get(PASSWORD));
    }

    /** True when the request asks to cancel the registration. */
    public static boolean isRemoval(Registration request) {
        return request.getAttributes() != null && request.getAttributes().containsKey("remove");
    }

    private static String value(DataForm form, String var) {
        FormField field = form.getField(var);
        return field == null ? null : trimmed(field.getFirstValue());
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    /** What the user submitted; either part may be missing. */
    public record Submission(String account, String password) {

        public Optional<String> missingField() {
            if (account == null || account.isEmpty()) {
                return Optional.of(ACCOUNT);
            }
            if (password == null || password.isEmpty()) {
                return Optional.of(PASSWORD);
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "Submission[" + account + ", password=***]";
        }
    }
}
