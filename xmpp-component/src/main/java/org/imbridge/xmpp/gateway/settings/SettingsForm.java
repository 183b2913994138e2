package org.imbridge.xmpp.gateway.settings;

import java.util.List;
import java.util.Optional;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.AccountSettings.Visibility;
import org.imbridge.core.network.NetworkProfile;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * The three settings as XEP-0004 fields, in the network's words: the display name (text-single),
 * who may see the user (list-single) and whether to ask about new watchers (boolean). Reads them back
 * from a submitted form; a field left out keeps its current value.
 */
public final class SettingsForm {

    public static final String NAME = "displayname";
    public static final String VISIBILITY = "visibility";
    public static final String ASK = "askaboutwatchers";
    public static final String EVERYONE = "everyone-not-blocked";
    public static final String ALLOWED_ONLY = "allowed-only";

    private final NetworkProfile network;

    public SettingsForm(NetworkProfile network) {
        this.network = network;
    }

    /** The fields, filled with {@code current}. */
    public List<FormField> fields(AccountSettings current) {
        return List.of(
                FormField.textSingleBuilder(NAME)
                        .setLabel("Your name on " + network.shortName())
                        .setValue(current.displayName())
                        .build(),
                FormField.listSingleBuilder(VISIBILITY)
                        .setLabel("Who may see you and write to you on " + network.shortName())
                        .addOption(new FormField.Option("Everyone I have not blocked", EVERYONE))
                        .addOption(new FormField.Option("Only people I allowed", ALLOWED_ONLY))
                        .setValue(current.visibility() == Visibility.ALLOWED_ONLY ? ALLOWED_ONLY : EVERYONE)
                        .build(),
                FormField.booleanBuilder(ASK)
                        .setLabel("Ask me when someone new adds me (otherwise they are allowed to see me)")
                        .setValue(current.askAboutWatchers())
                        .build());
    }

    /** True when {@code form} has any of the settings' fields. */
    public static boolean hasSettings(DataForm form) {
        return form != null && (form.getField(NAME) != null || form.getField(VISIBILITY) != null
                || form.getField(ASK) != null);
    }

    /**
     * The settings {@code form} asks for, starting from {@code current}.
     *
     * @throws IllegalArgumentException with a text for the user when a value is not acceptable
     */
    public static AccountSettings read(DataForm form, AccountSettings current) {
        AccountSettings wanted = current;
        Optional<String> name = value(form, NAME);
        if (name.isPresent()) {
            if (name.get().isBlank()) {
                throw new IllegalArgumentException("Your name cannot be empty");
            }
            wanted = wanted.withDisplayName(name.get().strip());
        }
        Optional<String> visibility = value(form, VISIBILITY);
        if (visibility.isPresent()) {
            Visibility v = switch (visibility.get()) {
                case EVERYONE -> Visibility.EVERYONE_NOT_BLOCKED;
                case ALLOWED_ONLY -> Visibility.ALLOWED_ONLY;
                default -> throw new IllegalArgumentException("'" + visibility.get() + "' is not a choice for who may see you;"
                        + " choose " + EVERYONE + " or " + ALLOWED_ONLY);
            };
            wanted = new AccountSettings(wanted.displayName(), v, wanted.askAboutWatchers());
        }
        Optional<String> ask = value(form, ASK);
        if (ask.isPresent()) {
            boolean yes = switch (ask.get()) {
                case "1", "true" -> true;
                case "0", "false" -> false;
                default -> throw new IllegalArgumentException("'" + ask.get() + "' is not a yes or no for asking about"
                        + " new watchers");
            };
            wanted = new AccountSettings(wanted.displayName(), wanted.visibility(), yes);
        }
        return wanted;
    }

    private static Optional<String> value(DataForm form, String var) {
        FormField field = form == null ? null : form.getField(var);
        if (field == null || field.getValuesAsString().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("\n", field.getValuesAsString()).strip());
    }
}
