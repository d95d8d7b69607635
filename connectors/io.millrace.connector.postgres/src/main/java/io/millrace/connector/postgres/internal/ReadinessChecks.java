package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionUse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a PostgreSQL server needs before Millrace can capture its changes with logical
 * replication, and before it can land data in it: each check says what it found and the exact fix.
 * Change data capture needs are reported as warnings, because a connection used only as a target
 * does not need them.
 */
final class ReadinessChecks {
    /** pgoutput and publications arrived in PostgreSQL 10. */
    static final int MINIMUM_VERSION = 100000;

    private ReadinessChecks() {}

    static List<Step> run(Connection connection) throws SQLException {
        List<Step> steps = new ArrayList<>();
        int version = Integer.parseInt(setting(connection, "server_version_num"));
        String shown = setting(connection, "server_version");
        if (version < MINIMUM_VERSION) {
            steps.add(Step.failed(
                    "version",
                    "PostgreSQL " + shown + " is older than 10, which Millrace needs",
                    "Upgrade the server to PostgreSQL 10 or newer"));
            return steps;
        }
        steps.add(Step.passed("version", "PostgreSQL " + shown));
        steps.add(walLevel(connection).concerning(ConnectionUse.SOURCE));
        steps.add(replicationPrivilege(connection).concerning(ConnectionUse.SOURCE));
        steps.add(replicationSlots(connection).concerning(ConnectionUse.SOURCE));
        steps.add(walSenders(connection).concerning(ConnectionUse.SOURCE));
        steps.add(createPrivilege(connection).concerning(ConnectionUse.TARGET));
        return steps;
    }

    private static Step walLevel(Connection connection) throws SQLException {
        String level = setting(connection, "wal_level");
        if (level.equals("logical")) {
            return Step.passed("wal_level", "wal_level is logical");
        }
        return Step.warning(
                "wal_level",
                "wal_level is " + level + ", so changes cannot be captured (it must be logical)",
                "Run ALTER SYSTEM SET wal_level = logical; as a superuser and restart PostgreSQL (on a managed"
                        + " service, set the parameter for logical replication, such as rds.logical_replication = 1)");
    }

    private static Step replicationPrivilege(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet role = statement.executeQuery(
                        "SELECT rolreplication OR rolsuper, current_user FROM pg_roles WHERE rolname = current_user")) {
            role.next();
            if (role.getBoolean(1)) {
                return Step.passed("replication privilege", "The user may use replication");
            }
            return Step.warning(
                    "replication privilege",
                    "The user " + role.getString(2) + " lacks the REPLICATION attribute, so it cannot read changes",
                    "Run ALTER ROLE " + Sql.identifier(role.getString(2)) + " WITH REPLICATION; as a superuser");
        }
    }

    private static Step replicationSlots(Connection connection) throws SQLException {
        int maximum = Integer.parseInt(setting(connection, "max_replication_slots"));
        int used;
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_replication_slots")) {
            count.next();
            used = count.getInt(1);
        }
        if (used < maximum) {
            return Step.passed(
                    "replication slots", (maximum - used) + " of " + maximum + " replication slots are free");
        }
        return Step.warning(
                "replication slots",
                "All " + maximum + " replication slots are in use; each capturing task needs one",
                "Drop slots nobody uses (SELECT pg_drop_replication_slot('name');) or raise the limit with ALTER"
                        + " SYSTEM SET max_replication_slots = " + Math.max(10, maximum * 2)
                        + "; and restart PostgreSQL");
    }

    private static Step walSenders(Connection connection) throws SQLException {
        int maximum = Integer.parseInt(setting(connection, "max_wal_senders"));
        int used;
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_replication")) {
            count.next();
            used = count.getInt(1);
        }
        if (used < maximum) {
            return Step.passed("wal senders", (maximum - used) + " of " + maximum + " WAL senders are free");
        }
        return Step.warning(
                "wal senders",
                "All " + maximum + " WAL senders are busy; each capturing task needs one",
                "Raise the limit with ALTER SYSTEM SET max_wal_senders = " + Math.max(10, maximum * 2)
                        + "; and restart PostgreSQL");
    }

    private static Step createPrivilege(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet create = statement.executeQuery(
                        "SELECT has_database_privilege(current_user, current_database(), 'CREATE'),"
                                + " current_user, current_database()")) {
            create.next();
            if (create.getBoolean(1)) {
                return Step.passed("create privilege", "The user may create schemas (needed when used as a target)");
            }
            return Step.failed(
                    "create privilege",
                    "The user cannot create schemas in this database, so it cannot be a target",
                    "Run GRANT CREATE ON DATABASE " + Sql.identifier(create.getString(3)) + " TO "
                            + Sql.identifier(create.getString(2)) + "; if the connection is to be a target");
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet value = statement.executeQuery("SELECT current_setting(" + Sql.literal(name) + ")")) {
            value.next();
            return value.getString(1);
        }
    }
}
