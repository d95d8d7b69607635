package io.millrace.connector.mariadb.internal;

import java.net.UnknownHostException;
import java.sql.SQLException;

/** What to do about a failed connection, by the error MariaDB, MySQL or the driver reports. */
final class ConnectFailures {
    private ConnectFailures() {}

    static String fix(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "The host name does not resolve: check the spelling, or use the IP address";
            }
        }
        return switch (e.getErrorCode()) {
            case 1045 -> "Check the user and password";
            case 1044, 1142, 1227 -> "The user lacks a privilege: grant it, or use a user that has it";
            case 1049 -> "The database does not exist: check its name (SHOW DATABASES lists them)";
            case 1130 ->
                "The server refuses this user from this host: create the user for the Millrace server's"
                        + " address ('user'@'host') or for '%'";
            case 1040 -> "The server has no free connections: raise max_connections or close idle ones";
            default ->
                String.valueOf(e.getSQLState()).startsWith("08")
                        ? "Check the host and port, and that the server listens there (bind-address) and no"
                                + " firewall blocks the way from the Millrace server"
                        : "Check the connection settings";
        };
    }
}
