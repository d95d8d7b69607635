package io.millrace.connector.postgres.internal;

import java.net.UnknownHostException;
import java.sql.SQLException;

/** What to do about a failed connection, by the SQLSTATE PostgreSQL or the driver reports. */
final class ConnectFailures {
    private ConnectFailures() {}

    /** What failed, the driver's message (which often ends in a period already), and what to do. */
    static String explain(String what, SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        return what + ": " + (message.endsWith(".") ? message : message + ".") + " " + fix(e);
    }

    static String fix(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (hasCause(e, UnknownHostException.class)) {
            return "The host name does not resolve: check the spelling, or use the IP address";
        }
        return switch (state) {
            case "28P01" -> "Check the user and password";
            case "28000" ->
                "The server refuses this user from this address: add a line for it to pg_hba.conf"
                        + " and reload PostgreSQL (SELECT pg_reload_conf();)";
            case "3D000" -> "The database does not exist: check its name (psql -l lists them)";
            case "08001", "08004", "08006" ->
                "Check the host and port, and that PostgreSQL listens there"
                        + " (listen_addresses) and no firewall blocks the way from the Millrace server";
            case "55000" ->
                "PostgreSQL is not set up for logical replication: run ALTER SYSTEM SET wal_level = logical"
                        + " as a superuser and restart PostgreSQL";
            case "42501" -> "The user lacks a privilege: grant it, or use a user that has it";
            case "53300" -> "The server has no free connections: raise max_connections or close idle ones";
            default -> "Check the connection settings";
        };
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
