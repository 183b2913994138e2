package org.imbridge.msnserver.account;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads {@code msn-accounts.yaml}:
 *
 * <pre>
 * accounts:
 *   - email: alice@hotmail.com
 *     password: secret1
 *     nick: Alice                      # optional, default the handle
 *     contacts: [bob@hotmail.com]      # FL + AL; entries may also be {email, nick, groups: [Friends]}
 *     groups: [Friends, Work]          # optional, ids 1, 2, …; group 0 "Other Contacts" always exists
 *     blocked: [dave@hotmail.com]      # optional, BL
 *     blp: AL                          # optional, AL (default) or BL
 *     gtc: A                           # optional, A (default) or N
 *     inboxUnread: 2                   # optional; when set, login sends an initial e-mail notification
 *     foldersUnread: 0                 # optional
 *     phones: {PHH: "555 1234"}        # optional, PHH PHW PHM MOB MBE
 *     verified: true                   # optional, the USR OK flag
 * </pre>
 *
 * Unknown keys, wrong types and duplicate keys are errors whose message names the key and its place,
 * by its address where it has one, e.g. {@code account 'bob@hotmail.com': unknown key 'pasword'}, else by
 * its place ({@code accounts[1]: missing key 'email'}). Cross-account rules (contacts must exist, …) are
 * checked by {@link AccountDirectory#addAll}.
 */
public final class AccountsFile {

    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final Set<String> TOP_KEYS = Set.of("accounts");
    private static final Set<String> ACCOUNT_KEYS = Set.of("email", "password", "nick", "contacts", "groups",
            "blocked", "blp", "gtc", "inboxUnread", "foldersUnread", "phones", "verified");
    private static final Set<String> CONTACT_KEYS = Set.of("email", "nick", "groups");

    private AccountsFile() {
    }

    /** Reads and checks the file. */
    public static List<AccountSpec> load(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new AccountsFileException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(mapper().readTree(in), file.toString());
            }
        } catch (JacksonException e) {
            throw new AccountsFileException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AccountsFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses YAML text (for tests and embedded use). */
    public static List<AccountSpec> parse(String yaml) {
        try {
            return parse(mapper().readTree(yaml), "accounts YAML");
        } catch (JacksonException e) {
            throw new AccountsFileException("accounts YAML: not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    private static List<AccountSpec> parse(JsonNode root, String source) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new AccountsFileException(source + ": empty, expected a key 'accounts'");
        }
        Node top = new Node(root, source);
        top.requireObject(TOP_KEYS);
        JsonNode list = root.get("accounts");
        if (list == null || !list.isArray()) {
            throw new AccountsFileException(source + ": 'accounts' must be a list");
        }
        List<AccountSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            specs.add(account(new Node(list.get(i), named("account", list.get(i), "accounts[" + i + "]"))));
        }
        return specs;
    }

    /** How an error names an entry: by its address where it has one, else by its place in the file. */
    private static String named(String what, JsonNode entry, String place) {
        JsonNode email = entry == null ? null : entry.isTextual() ? entry : entry.get("email");
        return email != null && email.isTextual() && !email.textValue().isBlank()
                ? what + " '" + email.textValue() + "'" : place;
    }

    private static AccountSpec account(Node n) {
        n.requireObject(ACCOUNT_KEYS);
        String email = n.requiredText("email");
        String password = n.requiredText("password");
        String nick = n.optionalText("nick");
        List<ContactSpec> contacts = new ArrayList<>();
        JsonNode cs = n.list("contacts");
        for (int i = 0; cs != null && i < cs.size(); i++) {
            contacts.add(contact(new Node(cs.get(i), n.where + ", " + named("contact", cs.get(i), "contacts[" + i + "]"))));
        }
        List<String> groups = n.textList("groups");
        List<String> blocked = n.textList("blocked");
        String blp = n.optionalText("blp");
        PrivacyMode mode = blp == null ? PrivacyMode.AL : PrivacyMode.fromWire(blp);
        if (mode == null) {
            throw n.error("'blp' must be AL or BL, not '" + blp + "'");
        }
        String gtc = n.optionalText("gtc");
        ReversePrompt prompt = gtc == null ? ReversePrompt.A : ReversePrompt.fromWire(gtc);
        if (prompt == null) {
            throw n.error("'gtc' must be A or N, not '" + gtc + "'");
        }
        Integer inbox = n.optionalInt("inboxUnread");
        Integer folders = n.optionalInt("foldersUnread");
        Map<String, String> phones = n.textMap("phones");
        JsonNode verified = n.node.get("verified");
        if (verified != null && !verified.isBoolean()) {
            throw n.error("'verified' must be true or false");
        }
        return new AccountSpec(email, password, nick, verified == null || verified.booleanValue(), contacts,
                groups, blocked, mode, prompt, inbox, folders == null ? 0 : folders, phones);
    }

    private static ContactSpec contact(Node n) {
        if (n.node.isTextual()) {
            return ContactSpec.of(n.node.textValue());
        }
        n.requireObject(CONTACT_KEYS);
        return new ContactSpec(n.requiredText("email"), n.optionalText("nick"), n.textList("groups"));
    }

    /** A YAML node with its place, for messages. */
    private static final class Node {
        final JsonNode node;
        final String where;

        Node(JsonNode node, String where) {
            this.node = node;
            this.where = where;
        }

        AccountsFileException error(String message) {
            return new AccountsFileException(where + ": " + message);
        }

        void requireObject(Set<String> allowed) {
            if (!node.isObject()) {
                throw error("expected a mapping of keys, found " + node.getNodeType().name().toLowerCase());
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error("unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }

        String requiredText(String key) {
            String v = optionalText(key);
            if (v == null) {
                throw error("missing key '" + key + "'");
            }
            return v;
        }

        String optionalText(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode() || v.isContainerNode()) {
                throw error("'" + key + "' must be a single value");
            }
            return v.asText();
        }

        Integer optionalInt(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isInt()) {
                throw error("'" + key + "' must be a whole number");
            }
            return v.intValue();
        }

        JsonNode list(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isArray()) {
                throw error("'" + key + "' must be a list");
            }
            return v;
        }

        List<String> textList(String key) {
            JsonNode v = list(key);
            List<String> out = new ArrayList<>();
            for (int i = 0; v != null && i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isValueNode() || item.isNull()) {
                    throw error("'" + key + "[" + i + "]' must be a single value");
                }
                out.add(item.asText());
            }
            return out;
        }

        Map<String, String> textMap(String key) {
            JsonNode v = node.get(key);
            Map<String, String> out = new LinkedHashMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                throw error("'" + key + "' must be a mapping");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getValue().isValueNode()) {
                    throw error("'" + key + "." + f.getKey() + "' must be a single value");
                }
                out.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText());
            }
            return out;
        }
    }
}
