package org.imbridge.xmpp.admin;

import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/** Small helpers for the commands' XEP-0004 forms (XEP-0133 uses this FORM_TYPE). */
final class AdminForms {

    static final String FORM_TYPE = "http://jabber.org/protocol/admin";

    private AdminForms() {
    }

    static DataForm.Builder form(String title, String instructions) {
        return DataForm.builder(DataForm.Type.form).setTitle(title).addInstruction(instructions)
                .addField(FormField.buildHiddenFormType(FORM_TYPE));
    }

    static DataForm.Builder result(String title) {
        return DataForm.builder(DataForm.Type.result).setTitle(title)
                .addField(FormField.buildHiddenFormType(FORM_TYPE));
    }

    static FormField text(String var, String label, Object value) {
        return FormField.textSingleBuilder(var).setLabel(label).setValue(String.valueOf(value)).build();
    }

    /** All values of a field, joined by newlines; empty when the field is missing. */
    static String text(DataForm form, String var) {
        FormField field = form == null ? null : form.getField(var);
        return field == null ? "" : String.join("\n", field.getValuesAsString()).strip();
    }
}
