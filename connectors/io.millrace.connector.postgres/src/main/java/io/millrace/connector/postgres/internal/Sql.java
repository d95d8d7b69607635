package io.millrace.connector.postgres.internal;

/** Quoting for the few statements built as text, where PostgreSQL takes no parameters. */
final class Sql {
    private Sql() {}

    /** An identifier, quoted: any name is safe, and case and spaces are kept. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A string literal, quoted. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
