package org.imbridge.xmpp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The XMPP side knows no network: only imbridge-app wires a network plugin in. Main and test code
 * alike; the build's enforcer rule bans the plugin modules as dependencies, this bans their packages.
 */
class PluginBoundaryTest {

    @Test
    void noCodeOfTheXmppSideUsesTheMsnPluginOrOurMsnServer() {
        JavaClasses xmppSide = new ClassFileImporter().importPackages("org.imbridge.xmpp");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.imbridge.msn..", "org.imbridge.msnserver..")
                .because("xmpp-component is network-neutral; imbridge-app is the one place that wires MSN in")
                .check(xmppSide);
    }
}
