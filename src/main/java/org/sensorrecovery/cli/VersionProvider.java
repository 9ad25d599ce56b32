package org.sensorrecovery.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (Implementation-Version). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"sensor-recovery " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.arch")};
    }
}
