package io.millrace.connector.api;

import java.sql.SQLException;
import java.util.function.Predicate;

/** What standard SQLSTATE codes say about a failure, for connectors and the engine alike. */
public final class SqlStates {
    private SqlStates() {}

    /**
     * Whether a value did not fit its column (22001 string too long, 22003 number out of range),
     * looking through batch and cause chains, where drivers put the database's own error.
     */
    public static boolean isValueTooWide(SQLException e) {
        return anyState(e, state -> state.equals("22001") || state.equals("22003"));
    }

    /**
     * Whether a value was refused by its column (class 22: too long, out of range, not of the
     * column's type), looking through batch and cause chains as {@link #isValueTooWide} does.
     */
    public static boolean isBadValue(SQLException e) {
        return anyState(e, state -> state.startsWith("22"));
    }

    private static boolean anyState(SQLException e, Predicate<String> test) {
        for (Throwable failure = e; failure != null; failure = failure.getCause()) {
            if (failure instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (test.test(String.valueOf(next.getSQLState()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the failure may pass by itself: the connection broke (class 08), the server is out of
     * resources (53) or shutting down or starting (57P), or the transaction lost a serialization
     * conflict or a deadlock (40001, 40P01).
     */
    public static boolean isTransient(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57P")
                || state.equals("40001")
                || state.equals("40P01");
    }
}
