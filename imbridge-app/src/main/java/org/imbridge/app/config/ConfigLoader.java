package org.imbridge.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads {@code transport.yaml}: YAML, kebab-case keys, {@code ${NAME}} replaced by the environment
 * variable NAME (an error when it is not set, or set but empty), unknown keys rejected, relative paths
 * taken from the file's directory ({@link ConfigPaths}), then {@link ConfigValidator}.
 */
public final class ConfigLoader {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static final String SECRET_KEY = "component.secret";

    private final UnaryOperator<String> environment;
    private final boolean secretNeeded;

    public ConfigLoader(UnaryOperator<String> environment) {
        this(environment, true);
    }

    private ConfigLoader(UnaryOperator<String> environment, boolean secretNeeded) {
        this.environment = environment;
        this.secretNeeded = secretNeeded;
    }

    /**
     * A loader for commands that never connect to the XMPP server ({@code imbridge users}): the
     * component secret may be missing, and its environment variable unset.
     */
    public ConfigLoader withoutSecret() {
        return new ConfigLoader(environment, false);
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    public TransportConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the file: " + e.getMessage(), e);
        }
        return parse(file.toString(), text, file.toAbsolutePath().getParent());
    }

    /** Parses {@code yaml}; relative paths in it stay relative to the working directory. */
    public TransportConfig parse(String source, String yaml) throws ConfigException {
        return parse(source, yaml, null);
    }

    private TransportConfig parse(String source, String yaml, Path base) throws ConfigException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        JsonNode tree = null;
        try {
            tree = mapper.readTree(yaml);
            if (tree == null || !tree.isObject()) {
                throw new ConfigException(source + ": the file is empty or not a YAML mapping");
            }
            substitute(source, "", tree);
            TransportConfig config = ConfigPaths.resolve(mapper.treeToValue(tree, TransportConfig.class), base);
            new ConfigValidator(source, secretNeeded).validate(config);
            return config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + ": unknown key '" + path(e) + "'; known keys here: "
                    + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            String mismatch = TypeMismatch.describe(e, tree);
            throw new ConfigException(source + ": key '" + path(e) + "': "
                    + (mismatch == null ? e.getOriginalMessage() : mismatch), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private void substitute(String source, String path, JsonNode node) throws ConfigException {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(expand(source, key, field.getValue().asText())));
                } else {
                    substitute(source, key, field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(expand(source, path + "[" + i + "]", array.get(i).asText())));
                }
            }
        }
    }

    private String expand(String source, String key, String value) throws ConfigException {
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = environment.apply(m.group(1));
            if (!secretNeeded && key.equals(SECRET_KEY)) {
                replacement = replacement == null ? "" : replacement;
            } else if (replacement == null) {
                throw new ConfigException(source + ": key '" + key + "' uses ${" + m.group(1)
                        + "}, but that environment variable is not set");
            } else if (replacement.isEmpty() && m.group().equals(value)) {
                throw new ConfigException(source + ": key '" + key + "' uses ${" + m.group(1)
                        + "}, and that environment variable is set but empty");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
