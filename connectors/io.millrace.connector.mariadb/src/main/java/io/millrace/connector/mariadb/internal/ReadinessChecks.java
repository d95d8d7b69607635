package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a MariaDB or MySQL server needs before Millrace can read its tables and follow its binlog,
 * or write landing and storage into it: each check says what it found, the exact fix, and which use
 * it concerns. What only change data capture needs is a warning, because a connection used for full
 * loads alone does without it.
 */
final class ReadinessChecks {
    private ReadinessChecks() {}

    /** What a storage task does in its databases: create them, and tables, indexes and views in them. */
    static final List<String> TARGET_PRIVILEGES =
            List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "INDEX", "CREATE VIEW");

    /**
     * The checks of every use, then those of use as a source, then those of use as a target.
     *
     * @param databases the setting {@code databases}, which only a source needs
     */
    static List<Step> run(Connection connection, Optional<List<String>> databases, long replicaServerId)
            throws SQLException {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.passed("version", version(connection)));
        List<Step> source = new ArrayList<>();
        source.add(logBin(connection));
        source.add(binlogFormat(connection));
        source.add(binlogRowImage(connection));
        binlogRowMetadata(connection).ifPresent(source::add);
        source.add(serverId(connection, replicaServerId));
        Grants grants = Grants.of(connection);
        source.add(replicationSlave(grants));
        source.add(replicationClient(grants));
        if (databases.isEmpty()) {
            source.add(Step.failed(
                    "databases",
                    "The setting 'databases' is not set, so the connection offers no tables to read",
                    "Set 'databases' to the databases whose tables are to be read, separated by commas, to use"
                            + " the connection as a source"));
        }
        for (String database : databases.orElse(List.of())) {
            source.add(database(connection, grants, database));
        }
        source.forEach(step -> steps.add(step.concerning(ConnectionUse.SOURCE)));
        steps.add(targetPrivileges(grants).concerning(ConnectionUse.TARGET));
        return steps;
    }

    private static String version(Connection connection) throws SQLException {
        String version = variable(connection, "version").orElse("unknown");
        return (version.toLowerCase(Locale.ROOT).contains("mariadb") ? "MariaDB " : "MySQL ") + version;
    }

    private static Step logBin(Connection connection) throws SQLException {
        if (variable(connection, "log_bin").orElse("OFF").equals("ON")) {
            return Step.passed("log_bin", "The binary log is on");
        }
        return Step.warning(
                "log_bin",
                "The binary log is off, so changes cannot be captured",
                "Add log-bin (for example log-bin = mysql-bin) to the [mysqld] section of the server's"
                        + " configuration and restart the server");
    }

    private static Step binlogFormat(Connection connection) throws SQLException {
        String format = variable(connection, "binlog_format").orElse("unknown");
        if (format.equals("ROW")) {
            return Step.passed("binlog_format", "binlog_format is ROW");
        }
        return Step.warning(
                "binlog_format",
                "binlog_format is " + format + ", so changes cannot be captured (it must be ROW)",
                "Set binlog_format = ROW in the [mysqld] section of the server's configuration and restart the"
                        + " server (SET GLOBAL binlog_format = 'ROW'; takes effect for new sessions only)");
    }

    private static Step binlogRowImage(Connection connection) throws SQLException {
        String image = variable(connection, "binlog_row_image").orElse("FULL");
        if (image.equals("FULL")) {
            return Step.passed("binlog_row_image", "binlog_row_image is FULL");
        }
        return Step.warning(
                "binlog_row_image",
                "binlog_row_image is " + image + ", so changes would miss columns (it must be FULL)",
                "Set binlog_row_image = FULL in the [mysqld] section of the server's configuration and run"
                        + " SET GLOBAL binlog_row_image = 'FULL';");
    }

    /** Servers that can log column names (MariaDB 10.5+, MySQL 8) should: see BinlogChangeStream. */
    private static Optional<Step> binlogRowMetadata(Connection connection) throws SQLException {
        return variable(connection, "binlog_row_metadata")
                .map(metadata -> metadata.equals("FULL")
                        ? Step.passed("binlog_row_metadata", "binlog_row_metadata is FULL: changes name their columns")
                        : Step.warning(
                                "binlog_row_metadata",
                                "binlog_row_metadata is " + metadata
                                        + ", so changes do not name their columns: a task that is"
                                        + " behind when a table's columns change may read older changes with the newer columns",
                                "Run SET GLOBAL binlog_row_metadata = 'FULL'; and set binlog_row_metadata = FULL in the"
                                        + " [mysqld] section of the server's configuration"));
    }

    private static Step serverId(Connection connection, long replicaServerId) throws SQLException {
        long own = Long.parseLong(variable(connection, "server_id").orElse("0"));
        if (own == 0) {
            return Step.warning(
                    "server_id",
                    "The server's server_id is 0, so it refuses replicas and changes cannot be captured",
                    "Set server-id to a number unique among your servers (for example server-id = 1) in the"
                            + " [mysqld] section of the server's configuration and restart the server");
        }
        if (own == replicaServerId) {
            return Step.warning(
                    "server_id",
                    "The connection's server id " + replicaServerId + " is the server's own",
                    "Choose another server id in the connection's settings, unique among the server's replicas");
        }
        return Step.passed(
                "server_id", "The server's id is " + own + "; Millrace reads the binlog as replica " + replicaServerId);
    }

    private static Step replicationSlave(Grants grants) {
        if (grants.global("REPLICATION SLAVE")) {
            return Step.passed("replication slave", "The user may read the binlog (REPLICATION SLAVE)");
        }
        return Step.warning(
                "replication slave",
                "The user " + grants.user() + " lacks REPLICATION SLAVE, so it cannot read the binlog",
                "Run GRANT REPLICATION SLAVE ON *.* TO " + grants.user() + "; as an administrator");
    }

    private static Step replicationClient(Grants grants) {
        // MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR and shows it by the new name.
        if (grants.global("REPLICATION CLIENT") || grants.global("BINLOG MONITOR")) {
            return Step.passed("replication client", "The user may read binlog positions (REPLICATION CLIENT)");
        }
        return Step.warning(
                "replication client",
                "The user " + grants.user() + " lacks REPLICATION CLIENT, so it cannot read binlog positions",
                "Run GRANT REPLICATION CLIENT ON *.* TO " + grants.user() + "; as an administrator");
    }

    private static Step database(Connection connection, Grants grants, String database) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            query.setString(1, database);
            try (ResultSet found = query.executeQuery()) {
                if (!found.next()) {
                    return Step.failed(
                            "database " + database,
                            "The database " + database + " does not exist or the user cannot see it",
                            "Check the name in the setting 'databases' (SHOW DATABASES lists them), or run GRANT"
                                    + " SELECT ON " + Sql.identifier(database) + ".* TO " + grants.user() + ";");
                }
            }
        }
        if (grants.global("SELECT") || grants.on(database, "SELECT")) {
            return Step.passed("database " + database, "The user may read the tables of " + database);
        }
        return Step.failed(
                "database " + database,
                "The user " + grants.user() + " lacks SELECT on " + database + ", so it cannot read its tables",
                "Run GRANT SELECT ON " + Sql.identifier(database) + ".* TO " + grants.user() + "; as an administrator");
    }

    /**
     * Landing and storage create databases named after the project ({@code <project>_landing}, ...)
     * and tables, indexes and views in them: the user needs that on every database, or on the
     * databases of a name pattern (then a project's name must fit it).
     */
    private static Step targetPrivileges(Grants grants) {
        String needed = String.join(", ", TARGET_PRIVILEGES);
        if (grants.allOn("*.*", TARGET_PRIVILEGES)) {
            return Step.passed(
                    "target privileges", "The user may create databases, tables, indexes and views (as a target)");
        }
        List<String> scopes = grants.scopesWithAll(TARGET_PRIVILEGES);
        if (!scopes.isEmpty()) {
            return Step.passed(
                    "target privileges",
                    "The user may create tables, indexes and views in the databases " + String.join(", ", scopes)
                            + " only: a target project's databases (<project>_landing, <project>_storage,"
                            + " <project>_storage_internal) must be among them");
        }
        return Step.failed(
                "target privileges",
                "The user " + grants.user() + " cannot create tables, indexes and views, so it cannot be a target",
                "Run GRANT " + needed + " ON *.* TO " + grants.user() + "; as an administrator, or, for the"
                        + " databases of one project such as shop, GRANT " + needed + " ON `shop\\_%`.* TO "
                        + grants.user() + ";");
    }

    static Optional<String> variable(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SHOW GLOBAL VARIABLES LIKE ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(2)) : Optional.empty();
            }
        }
    }

    /** The privileges SHOW GRANTS lists for the connection's own user, as it lists them. */
    private record Grants(String user, List<String> lines) {
        static Grants of(Connection connection) throws SQLException {
            String user;
            List<String> lines = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                try (ResultSet current = statement.executeQuery("SELECT CURRENT_USER()")) {
                    current.next();
                    String[] parts = current.getString(1).split("@", 2);
                    user = Sql.literal(parts[0]) + "@" + Sql.literal(parts.length > 1 ? parts[1] : "%");
                }
                try (ResultSet grants = statement.executeQuery("SHOW GRANTS")) {
                    while (grants.next()) {
                        lines.add(grants.getString(1));
                    }
                }
            }
            return new Grants(user, lines);
        }

        boolean global(String privilege) {
            return has("*.*", privilege);
        }

        boolean on(String database, String privilege) {
            return has("`" + database.toUpperCase(Locale.ROOT).replace("`", "``") + "`.*", privilege)
                    || has(database.toUpperCase(Locale.ROOT) + ".*", privilege);
        }

        /** Whether the grants on exactly this scope (such as {@code *.*}) hold all the privileges. */
        boolean allOn(String scope, List<String> privileges) {
            return privileges.stream().allMatch(privilege -> has(scope, privilege));
        }

        /** The database scopes (such as {@code `shop\_%`.*}) whose grants hold all the privileges. */
        List<String> scopesWithAll(List<String> privileges) {
            return lines.stream()
                    .filter(line -> line.startsWith("GRANT ") && line.contains(" ON ") && line.contains(" TO "))
                    .map(line -> line.substring(line.indexOf(" ON ") + 4, line.indexOf(" TO ")))
                    .filter(scope -> scope.endsWith(".*") && !scope.equals("*.*"))
                    .distinct()
                    .filter(scope -> allOn(scope, privileges))
                    .map(scope -> scope.substring(0, scope.length() - 2))
                    .toList();
        }

        private boolean has(String scope, String privilege) {
            return lines.stream()
                    .map(line -> line.toUpperCase(Locale.ROOT))
                    .filter(line -> line.contains(" ON " + scope.toUpperCase(Locale.ROOT) + " TO "))
                    .map(line -> line.substring(
                            "GRANT ".length(), line.indexOf(" ON " + scope.toUpperCase(Locale.ROOT) + " TO ")))
                    .anyMatch(granted -> granted.equals("ALL PRIVILEGES")
                            || List.of(granted.split(",\\s*")).contains(privilege));
        }
    }
}
