package io.millrace.connector.mariadb.internal;

import java.util.List;

/**
 * A MariaDB table with a column of every type connector test suites use to catch lossy type
 * handling, and two rows to fill it with: one of extremes (unsigned maxima, DECIMAL(65,30), emoji,
 * spatial values) and one of zeros (zero dates, empty strings, NULLs, a TIME beyond 24 hours). The
 * connector's tests and the end-to-end tests insert the same rows and each expect them in their own
 * forms.
 */
public final class FidelityTable {
    public static final String CREATE = """
            CREATE TABLE fidelity (
              id INT PRIMARY KEY,
              flag TINYINT(1), tiny_u TINYINT UNSIGNED, small_u SMALLINT UNSIGNED, medium_u MEDIUMINT UNSIGNED,
              int_u INT UNSIGNED, big_u BIGINT UNSIGNED, big BIGINT, bits BIT(10), dec65 DECIMAL(65,30),
              f FLOAT, d DOUBLE, dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6), yr YEAR,
              emoji VARCHAR(20) CHARACTER SET utf8mb4, latin VARCHAR(20) CHARACTER SET latin1, txt TEXT,
              bin BINARY(4), vbin VARBINARY(10), blb BLOB, e ENUM('small','medium','large'), s SET('a','b','c'),
              j JSON, g GEOMETRY, p POINT,
              gen_stored INT AS (id * 2) STORED, gen_virtual INT AS (id * 3) VIRTUAL)""";

    /** The columns in table order; the last two are generated ({@code id * 2}, {@code id * 3}). */
    public static final List<String> COLUMNS = List.of(
            "id",
            "flag",
            "tiny_u",
            "small_u",
            "medium_u",
            "int_u",
            "big_u",
            "big",
            "bits",
            "dec65",
            "f",
            "d",
            "dt",
            "dtm",
            "ts",
            "tm",
            "yr",
            "emoji",
            "latin",
            "txt",
            "bin",
            "vbin",
            "blb",
            "e",
            "s",
            "j",
            "g",
            "p",
            "gen_stored",
            "gen_virtual");

    private static final String INSERT =
            "INSERT INTO fidelity (" + String.join(", ", COLUMNS.subList(0, COLUMNS.size() - 2)) + ")";

    private FidelityTable() {}

    /** The row of extremes with this id. */
    public static String extremes(int id) {
        return INSERT + " VALUES (" + id + ", 2, 255, 65535, 16777215, 4294967295, 18446744073709551615,"
                + " -9223372036854775808, b'1010000001',"
                + " '12345678901234567890123456789012345.123456789012345678901234567891', 1e7, 0.1, '2024-02-29',"
                + " '2024-02-29 13:45:00.123456', '2024-02-29 13:45:00.5', '-838:59:59', 2024, '😀 ok', 'café', 'text',"
                + " x'01020304', x'ff00', x'deadbeef', 'medium', 'a,c', '{\"a\": 1}', ST_GeomFromText('POINT(1 2)'),"
                + " POINT(3, 4))";
    }

    /** The row of zeros with this id; zero dates need a session without strict SQL mode. */
    public static String zeros(int id) {
        return INSERT + " VALUES (" + id + ", NULL, 0, 0, 0, 0, 0, 0, b'0', 0, -2.5e20, 1e-300,"
                + " '0000-00-00', '0000-00-00 00:00:00', NULL, '25:00:01.5', 0, '', NULL, NULL, NULL, NULL, NULL,"
                + " NULL, '', NULL, NULL, NULL)";
    }
}
