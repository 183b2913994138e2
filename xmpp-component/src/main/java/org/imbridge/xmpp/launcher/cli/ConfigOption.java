package org.imbridge.xmpp.launcher.cli;

import java.nio.file.Path;

import org.imbridge.xmpp.config.ConfigException;
import org.imbridge.xmpp.config.ConfigLoader;
import org.imbridge.xmpp.config.TransportConfig;

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
}
