package io.millrace.engine.internal;

import io.millrace.connector.api.TargetDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The names the engine derives from a source table's name ({@code T__ct}, {@code T__current},
 * {@code T_history_live}, ...), made to fit the target's identifiers. A target that cut a long name
 * short (PostgreSQL at 63 bytes) could give two tables the same name; here a name too long keeps
 * the start of the table's name and gets a hash of the whole name before the suffix, so that it is
 * the same at every start and differs between tables.
 */
final class TargetNames {
    /** Hex digits of the table name's SHA-256 in a shortened name: 40 bits. */
    private static final int HASH_DIGITS = 10;

    private TargetNames() {}

    /**
     * {@code table + suffix} when the target takes it; otherwise the longest start of {@code table}
     * that fits with {@code _}, the hash of {@code table} and the suffix.
     */
    static String derived(TargetDialect dialect, String table, String suffix) {
        String whole = table + suffix;
        if (fits(dialect, whole)) {
            return whole;
        }
        String tail = "_" + hash(table) + suffix;
        if (!fits(dialect, tail)) {
            throw new IllegalArgumentException("The suffix " + suffix + " leaves no room for a name in the target");
        }
        int end = table.length();
        while (end > 0 && !fits(dialect, table.substring(0, end) + tail)) {
            end = table.offsetByCodePoints(end, -1);
        }
        return table.substring(0, end) + tail;
    }

    /**
     * Renames a table an earlier version made under the name the target cut it to (PostgreSQL kept
     * the first 63 bytes of {@code table + suffix}) to its derived name, so that an upgraded server
     * finds what it stored. Nothing happens when the derived name exists, or nothing under the cut
     * name does.
     */
    static void adoptCutName(Connection connection, TargetDialect dialect, String schema, String table, String suffix)
            throws SQLException {
        String whole = table + suffix;
        String derived = derived(dialect, table, suffix);
        if (derived.equals(whole)) {
            return;
        }
        int end = whole.length();
        while (end > 0 && !fits(dialect, whole.substring(0, end))) {
            end = whole.offsetByCodePoints(end, -1);
        }
        String cut = whole.substring(0, end);
        // A name cut back to the table's own is the table's, not a copy of it.
        if (cut.equals(table)
                || TargetMetadata.exists(connection, schema, derived)
                || !TargetMetadata.exists(connection, schema, cut)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + dialect.qualify(schema, cut) + " RENAME TO " + dialect.quote(derived));
        }
    }

    /** Whether the target takes the name as it is. */
    static boolean fits(TargetDialect dialect, String name) {
        return dialect.identifierLength(name) <= dialect.maxIdentifierLength();
    }

    private static String hash(String table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(table.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
