package org.imbridge.xmpp.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.imbridge.xmpp.gateway.FakeNetwork;
import org.imbridge.xmpp.gateway.Stanzas;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;

class RegistrationFormTest {

    private final RegistrationForm form = new RegistrationForm(FakeNetwork.PROFILE);

    @Test
    void blankFormHasLegacyFieldsAndADataForm() {
        Registration blank = Stanzas.parse(Stanzas.xml(withAddresses(form.blank(null))));
        assertThat(blank.getInstructions()).isEqualTo("Enter your FakeNet Chat account (member address) and password.");
        assertThat(blank.getAttributes()).containsKeys("username", "password").doesNotContainKey("registered");
        DataForm data = DataForm.from(blank);
        assertThat(data.getType()).isEqualTo(DataForm.Type.form);
        assertThat(data.getFormType()).isEqualTo("jabber:iq:register");
        assertThat(data.getTitle()).isEqualTo("Register with FakeNet Chat");
        assertThat(data.getField("username").getLabel()).isEqualTo("FakeNet Chat account (member address)");
        assertThat(data.getField("username").isRequired()).isTrue();
        assertThat(data.getField("password").getType().toString()).isEqualTo("text-private");
    }

    @Test
    void registeredUsersSeeTheirAccountButNotThePassword() {
        Registration filled = Stanzas.parse(Stanzas.xml(withAddresses(form.blank("alice@hotmail.com"))));
        assertThat(filled.getAttributes()).containsKey("registered").containsEntry("username", "alice@hotmail.com");
        assertThat(filled.getAttributes().get("password")).isEmpty();
        assertThat(DataForm.from(filled).getField("username").getFirstValue()).isEqualTo("alice@hotmail.com");
        assertThat(DataForm.from(filled).getField("password").getFirstValue()).isNull();
    }

    @Test
    void readsLegacyFieldsAndDataForms() {
        Registration legacy = Stanzas.parse("<iq type='set' id='r1' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><username> bob@hotmail.com </username><password>pw</password></query></iq>");
        assertThat(form.read(legacy)).isEqualTo(new RegistrationForm.Submission("bob@hotmail.com", "pw"));

        Registration data = Stanzas.parse("<iq type='set' id='r2' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>jabber:iq:register</value></field>"
                + "<field var='username'><value>carol@hotmail.com</value></field>"
                + "<field var='password'><value>pw2</value></field></x></query></iq>");
        assertThat(form.read(data)).isEqualTo(new RegistrationForm.Submission("carol@hotmail.com", "pw2"));

        Registration missing = Stanzas.parse("<iq type='set' id='r3' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><username>bob@hotmail.com</username></query></iq>");
        assertThat(form.read(missing).missingField()).contains("password");
        assertThat(form.read(missing).toString()).doesNotContain("pw");

        Registration remove = Stanzas.parse("<iq type='set' id='r4' from='u@example.org/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><remove/></query></iq>");
        assertThat(RegistrationForm.isRemoval(remove)).isTrue();
    }

    private static Registration withAddresses(Registration r) {
        r.setType(org.jivesoftware.smack.packet.IQ.Type.result);
        r.setStanzaId("x");
        return r;
    }
}
