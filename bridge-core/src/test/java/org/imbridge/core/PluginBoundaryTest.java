package org.imbridge.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The core is network-neutral: it defines the SPI a network plugin implements and uses none. Main and test code
 * alike; the build's enforcer rule bans the plugin modules as dependencies, this bans their packages.
 */
class PluginBoundaryTest {

    @Test
    void noCodeOfTheCoreUsesTheMsnPluginOrOurMsnServer() {
        JavaClasses core = new ClassFileImporter().importPackages("org.imbridge.core");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.imbridge.msn..", "org.imbridge.msnserver..")
                .because("bridge-core is network-neutral; imbridge-app is the one place that wires MSN in")
                .check(core);
    }
}
