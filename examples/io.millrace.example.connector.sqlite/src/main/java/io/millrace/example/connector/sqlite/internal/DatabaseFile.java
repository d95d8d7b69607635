package io.millrace.example.connector.sqlite.internal;

import io.millrace.connector.api.ConnectionCheck.Status;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite database file a connection names. It is checked before SQLite opens it, so that a
 * wrong path says what to correct instead of SQLite creating an empty database there, and opened
 * read-only, so that the connector never changes the file.
 */
final class DatabaseFile {
    static final String PATH = "path";

    /** Every SQLite 3 database file starts with these 16 bytes (https://sqlite.org/fileformat.html). */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** How long a read waits for a writer of the file to finish before it gives up. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private DatabaseFile() {}

    /** Whether the settings name a readable SQLite file: a passed step, or a failed one saying what to change. */
    static Step check(ConnectionSettings settings) {
        Optional<String> path = settings.get(PATH).map(String::strip).filter(value -> !value.isEmpty());
        if (path.isEmpty()) {
            return problem("No database file is set", "Set path to the database file, such as /var/lib/shop/shop.db");
        }
        Path file;
        try {
            file = Path.of(path.get());
        } catch (InvalidPathException e) {
            return problem("The path " + path.get() + " is not valid: " + e.getReason(), "Correct the path");
        }
        if (!file.isAbsolute()) {
            return problem(
                    "The path " + file + " is relative",
                    "Give the absolute path: a relative one would depend on the folder the server started in");
        }
        if (!Files.exists(file)) {
            return problem(
                    "There is no file " + file,
                    "Correct the path; it names a file on the machine the Millrace server runs on");
        }
        if (!Files.isRegularFile(file)) {
            return problem(file + " is not a file", "Name the database file itself, not its folder");
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(HEADER.length);
        } catch (IOException e) {
            return problem(
                    "The server cannot read " + file + ": " + e.getMessage(),
                    "Let the user the server runs as read the file and its folder");
        }
        // An empty file is an empty database to SQLite.
        if (start.length > 0 && !Arrays.equals(start, HEADER)) {
            return problem(
                    file + " is not a SQLite database file",
                    "Name the database itself, not its -wal or -journal file, a dump or an archive; an encrypted"
                            + " database cannot be read");
        }
        return Step.passed("file", file + " is a SQLite database file");
    }

    private static Step problem(String message, String fix) {
        return Step.failed("file", message, fix);
    }

    /**
     * A read-only connection to the file the settings name.
     *
     * @throws ConnectorException when the settings name no usable file, saying what to change
     * @throws SQLException when SQLite cannot open it
     */
    static Connection open(ConnectionSettings settings) throws SQLException {
        Step file = check(settings);
        if (file.status() == Status.FAILED) {
            throw new ConnectorException(file.message() + ": " + file.fix().orElseThrow(), null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // The driver's own class opens it, not DriverManager, which inside OSGi sees no driver of this bundle.
        return config.createConnection("jdbc:sqlite:" + settings.require(PATH).strip());
    }

    /** A failure to read, worth retrying when another connection held the file locked. */
    static ConnectorException failure(String what, SQLException e) {
        int primaryCode = e.getErrorCode() & 0xff;
        return new ConnectorException(
                what + ": " + e.getMessage(), e, primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED);
    }

    /** A name as SQLite's SQL writes it, whatever characters it holds. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
