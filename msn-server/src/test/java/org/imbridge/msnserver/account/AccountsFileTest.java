package org.imbridge.msnserver.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.imbridge.msn.protocol.ListType;
import org.junit.jupiter.api.Test;

class AccountsFileTest {

    @Test
    void theProjectsExampleFileLoads() {
        List<AccountSpec> specs = AccountsFile.load(Path.of("..", "config", "msn-accounts.yaml"));
        assertThat(specs).extracting(AccountSpec::email).containsExactly("alice@hotmail.com", "bob@hotmail.com",
                "carol@hotmail.com", "dave@hotmail.com", "echo@hotmail.com");
        AccountDirectory directory = new AccountDirectory();
        directory.addAll(specs);
        Account alice = directory.find("alice@hotmail.com");
        assertThat(alice.list(ListType.FL)).extracting(ListEntry::handle)
                .containsExactly("bob@hotmail.com", "carol@hotmail.com", "echo@hotmail.com");
        assertThat(alice.entry(ListType.FL, "carol@hotmail.com").groups()).containsExactly(1);
        assertThat(alice.inboxUnread()).isEqualTo(1);
        assertThat(directory.find("bob@hotmail.com").list(ListType.RL)).extracting(ListEntry::handle)
                .containsExactly("alice@hotmail.com", "carol@hotmail.com", "echo@hotmail.com");
        assertThat(directory.find("dave@hotmail.com").privacy()).isEqualTo(PrivacyMode.BL);
        assertThat(directory.find("echo@hotmail.com").prompt()).isEqualTo(ReversePrompt.N);
    }

    @Test
    void contactsAreOnForwardAndAllowListsAndTheOwnerOnTheirReverseList() {
        AccountDirectory directory = new AccountDirectory();
        directory.addAll(AccountsFile.parse("""
                accounts:
                  - email: alice@hotmail.com
                    password: secret1
                    nick: Alice
                    contacts: [bob@hotmail.com]
                  - email: Bob@Hotmail.com
                    password: secret2
                """));
        Account alice = directory.find("alice@hotmail.com");
        assertThat(alice.entry(ListType.FL, "bob@hotmail.com")).isEqualTo(new ListEntry("bob@hotmail.com",
                "bob@hotmail.com", List.of(0)));
        assertThat(alice.isOnList(ListType.AL, "bob@hotmail.com")).isTrue();
        Account bob = directory.find("BOB@hotmail.com");
        assertThat(bob.handle()).isEqualTo("bob@hotmail.com");
        assertThat(bob.list(ListType.RL)).containsExactly(ListEntry.of("alice@hotmail.com", "Alice"));
        assertThat(bob.list(ListType.FL)).isEmpty();
        assertThat(alice.version()).isEqualTo(1);
        assertThat(bob.version()).isEqualTo(1);
    }

    @Test
    void unknownKeyIsNamed() {
        assertThatThrownBy(() -> AccountsFile.parse("""
                accounts:
                  - email: alice@hotmail.com
                    pasword: secret1
                """)).isInstanceOf(AccountsFileException.class)
                .hasMessageContaining("account 'alice@hotmail.com': unknown key 'pasword'");
    }

    @Test
    void unknownKeyInAContactOrAtTheTopIsNamed() {
        assertThatThrownBy(() -> AccountsFile.parse("""
                accounts:
                  - email: alice@hotmail.com
                    password: x
                    contacts:
                      - {email: bob@hotmail.com, group: [Friends]}
                """)).hasMessageContaining("account 'alice@hotmail.com', contact 'bob@hotmail.com': unknown key 'group'");
        assertThatThrownBy(() -> AccountsFile.parse("users: []"))
                .hasMessageContaining("unknown key 'users'");
    }

    @Test
    void missingAndMistypedValuesAreNamed() {
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - email: a@b.com\n"))
                .hasMessageContaining("account 'a@b.com': missing key 'password'");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - {email: a@b.com, password: x}\n  - {password: y}\n"))
                .hasMessageContaining("accounts[1]: missing key 'email'");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - {email: a@b.com, password: x, blp: XX}\n"))
                .hasMessageContaining("'blp' must be AL or BL");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - {email: a@b.com, password: x, inboxUnread: many}\n"))
                .hasMessageContaining("'inboxUnread' must be a whole number");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - {email: a@b.com, password: x, contacts: b@c.com}\n"))
                .hasMessageContaining("'contacts' must be a list");
        assertThatThrownBy(() -> AccountsFile.parse("accounts: {}\n"))
                .hasMessageContaining("'accounts' must be a list");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - {email: a@b.com, password: x, password: y}\n"))
                .hasMessageContaining("not valid YAML").hasMessageContaining("password");
    }

    @Test
    void crossAccountRulesAreCheckedByTheDirectory() {
        AccountDirectory directory = new AccountDirectory();
        assertThatThrownBy(() -> directory.addAll(AccountsFile.parse(
                "accounts:\n  - {email: a@b.com, password: x, contacts: [ghost@b.com]}\n")))
                .hasMessageContaining("account a@b.com: contact 'ghost@b.com' is not an account");
        assertThatThrownBy(() -> directory.addAll(AccountsFile.parse(
                "accounts:\n  - {email: a@b.com, password: x}\n  - {email: A@b.com, password: y}\n")))
                .hasMessageContaining("duplicate account");
        assertThatThrownBy(() -> directory.addAll(AccountsFile.parse(
                "accounts:\n  - {email: not-a-handle, password: x}\n")))
                .hasMessageContaining("'email' is not a valid MSN handle");
        assertThatThrownBy(() -> directory.addAll(AccountsFile.parse(
                "accounts:\n  - {email: a@b.com, password: x, contacts: [{email: a@b.com, groups: [Nope]}]}\n")))
                .hasMessageContaining("group 'Nope', which is not in 'groups'");
        assertThatThrownBy(() -> directory.addAll(AccountsFile.parse(
                "accounts:\n  - {email: a@b.com, password: x, contacts: [c@b.com], blocked: [c@b.com]}\n"
                        + "  - {email: c@b.com, password: x}\n")))
                .hasMessageContaining("both a contact (allowed) and blocked");
        assertThatThrownBy(() -> directory.addAll(AccountsFile.parse(
                "accounts:\n  - {email: a@b.com, password: x, phones: {FAX: 1}}\n")))
                .hasMessageContaining("unknown phone setting 'FAX'");
        assertThat(directory.all()).isEmpty();
    }
}
