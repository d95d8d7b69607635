package io.millrace.connector.jdbc.internal;

import java.sql.SQLException;

/** What to do about a failed connection, by the standard SQLSTATE class the driver reports. */
final class ConnectFailures {
    private ConnectFailures() {}

    /** What failed, the driver's message (which often ends in a period already), and what to do. */
    static String explain(String what, SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        if (DriverLookup.NO_DRIVER_STATE.equals(e.getSQLState()) && message.startsWith("No ")) {
            return what + ": " + message; // says what to deploy already
        }
        return what + ": " + (message.endsWith(".") ? message : message + ".") + " " + fix(e);
    }

    static String fix(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (DriverLookup.NO_DRIVER_STATE.equals(state)
                && String.valueOf(e.getMessage()).startsWith("No ")) {
            return "Deploy the database's JDBC driver jar as a bundle into deploy/, or correct the URL";
        }
        if (state.startsWith("28")) {
            return "Check the user and password";
        }
        if (state.startsWith("08")) {
            return "Check the URL's host and port, that the database listens there, and that no firewall blocks"
                    + " the way from the Millrace server";
        }
        if (state.startsWith("3D")) {
            return "The database does not exist: check its name in the URL";
        }
        if (state.equals("42501")) {
            return "The user lacks a privilege: grant it, or use a user that has it";
        }
        return "Check the URL, the user and the password";
    }
}
