package io.millrace.connector.mariadb.internal;

/** Quoting for statements built as text, where names cannot be parameters. */
final class Sql {
    private Sql() {}

    /** An identifier in backticks: any name is safe, and case and spaces are kept. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A string literal, quoted; backslashes are doubled for servers that treat them as escapes. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
