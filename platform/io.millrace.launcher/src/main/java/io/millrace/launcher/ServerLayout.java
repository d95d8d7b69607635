package io.millrace.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of an installed server: what ships with the distribution (etc, system) and what the
 * server writes (data, logs, deploy).
 */
record ServerLayout(Path home, Path etc, Path system, Path deploy, Path data, Path logs) {

    static ServerLayout of(Path home, Path dataOverride) {
        Path root = home.toAbsolutePath().normalize();
        Path data = dataOverride == null
                ? root.resolve("data")
                : dataOverride.toAbsolutePath().normalize();
        return new ServerLayout(
                root, root.resolve("etc"), root.resolve("system"), root.resolve("deploy"), data, root.resolve("logs"));
    }

    /** Fails with a message naming the folder when the distribution is incomplete. */
    void requireDistribution() {
        for (Path required : new Path[] {etc, system}) {
            if (!Files.isDirectory(required)) {
                throw new LaunchException("Not a Millrace installation: " + required + " is missing. "
                        + "Run bin/millrace from an unpacked distribution, or pass --home.");
            }
        }
    }

    void createWritableFolders() throws IOException {
        Files.createDirectories(deploy);
        Files.createDirectories(data);
        Files.createDirectories(logs);
    }

    Path pidFile() {
        return data.resolve("millrace.pid");
    }
}
