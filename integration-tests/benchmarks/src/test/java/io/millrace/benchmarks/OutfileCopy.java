package io.millrace.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The baseline for a full load from MariaDB: the MariaDB server writes pgbench_accounts into a
 * file with {@code SELECT ... INTO OUTFILE}, then the PostgreSQL target reads that file with
 * {@code COPY ... FROM}, one after the other: the work of {@code mariadb -e "SELECT ... INTO
 * OUTFILE"} followed by {@code psql -c "COPY ... FROM"}, both servers on this machine.
 */
final class OutfileCopy implements FullLoadBaseline {
    /*
     * Written the way COPY's text format reads it: columns separated by tabs, one row per line,
     * NULL as \N, and a backslash before a backslash, tab or newline in a value (COPY takes a
     * backslash followed by any character it does not name as that character). UTF-8 on both sides.
     * A carriage return in a value is written as it is, which COPY refuses with an error: pgbench's
     * tables have none.
     */
    private static final String FORMAT = " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ENCLOSED BY ''"
            + " ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";

    private final DataSource source;
    private final Path file;

    /**
     * @param directory where the MariaDB server may write files (its {@code secure_file_priv})
     *     and the PostgreSQL server may read them
     */
    OutfileCopy(DataSource source, Path directory) {
        this.source = source;
        this.file = directory.toAbsolutePath().resolve("pgbench_accounts.txt");
    }

    @Override
    public String name() {
        return "`SELECT ... INTO OUTFILE` on MariaDB, then `COPY ... FROM` that file on PostgreSQL";
    }

    @Override
    public long copyAccounts(Connection target) throws Exception {
        // INTO OUTFILE refuses to overwrite a file.
        Files.deleteIfExists(file);
        long written;
        try (Connection connection = source.getConnection();
                Statement statement = connection.createStatement()) {
            written = statement.executeLargeUpdate(
                    "SELECT aid, bid, abalance, filler FROM pgbench_accounts INTO OUTFILE '" + file + "'" + FORMAT);
        }
        long copied;
        try (Statement statement = target.createStatement()) {
            copied = statement.executeLargeUpdate(
                    "COPY public.pgbench_accounts FROM '" + file + "' WITH (FORMAT text, ENCODING 'UTF8')");
        }
        Files.delete(file);
        if (written != copied) {
            throw new SQLException("MariaDB wrote " + written + " rows of pgbench_accounts but COPY read " + copied);
        }
        return copied;
    }
}
