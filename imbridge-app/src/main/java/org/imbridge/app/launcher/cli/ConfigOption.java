package org.imbridge.app.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

import org.imbridge.app.config.ConfigException;
import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.config.TransportConfig;

import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that read the transport's configuration. */
final class ConfigOption {

    /** Where the config is looked for when {@code --config} is not given. */
    static final String DEFAULT = "config/transport.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:IMBRIDGE_CONFIG:-" + DEFAULT + "}",
            description = "the configuration file (default: $IMBRIDGE_CONFIG, else ${DEFAULT-VALUE})")
    Path file;

    TransportConfig load() throws ConfigException {
        return ConfigLoader.withSystemEnvironment().load(file);
    }

    /** For commands that never connect to the XMPP server: the component secret may be left unset. */
    Optional<TransportConfig> loadWithoutSecretOrExplain(PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.withSystemEnvironment().withoutSecret().load(file));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * @param err where to say what is wrong with the file (its name, the key and the problem)
     * @return the config, or empty when it cannot be used: the command then exits with {@link ExitCodes#USAGE}
     */
    Optional<TransportConfig> loadOrExplain(PrintWriter err) {
        try {
            return Optional.of(load());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }
}
