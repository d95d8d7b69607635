package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.RowWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.List;

/**
 * Appends rows to a MariaDB table through a prepared INSERT, sent in batches of {@value #BATCH_SIZE}
 * rows (the driver sends a batch as one bulk command). Values are bound as the text MariaDB reads
 * for the column types {@link MariaDbTargetDialect} creates: booleans as 1 or 0, bytes as bytes,
 * timestamps with time zone moved to UTC. Where MariaDB has no equal value the nearest is written:
 * {@code infinity} and {@code -infinity} dates and timestamps become 9999-12-31 (at the last
 * microsecond of the day) and 0001-01-01. Values MariaDB cannot hold at all are refused: dates
 * before Christ, and NaN and the infinities of numbers.
 */
final class MariaDbRowWriter implements RowWriter {
    private static final int BATCH_SIZE = 1000;

    /** A timestamp as the canonical text form writes it: {@code 2024-02-29 11:45:00.5}. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter();

    /** A timestamp with its offset: {@code 2024-02-29 11:45:00.5+00}. */
    private static final DateTimeFormatter OFFSET_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(TIMESTAMP)
            .appendOffset("+HH:mm:ss", "+00")
            .toFormatter();

    /** A timestamp as it is bound, with all nine fractional digits for MariaDB to cut. */
    private static final DateTimeFormatter WRITTEN_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");

    private final PreparedStatement insert;
    private final List<ColumnDescription> columns;
    private int batched;
    private long written;
    private boolean finished;

    /** @param insert an INSERT taking one parameter per column, in the order of {@code columns} */
    MariaDbRowWriter(PreparedStatement insert, List<ColumnDescription> columns) {
        this.insert = insert;
        this.columns = List.copyOf(columns);
    }

    @Override
    public void write(String[] values) throws SQLException {
        if (finished) {
            throw new IllegalStateException("The writer is finished");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    "A row holds " + columns.size() + " values, one per column, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            bind(i, values[i]);
        }
        insert.addBatch();
        written++;
        if (++batched == BATCH_SIZE) {
            insert.executeBatch();
            batched = 0;
        }
    }

    private void bind(int index, String text) throws SQLException {
        if (text == null) {
            insert.setObject(index + 1, null);
            return;
        }
        ColumnDescription column = columns.get(index);
        try {
            if (column.type().kind() == PortableType.Kind.BINARY) {
                insert.setBytes(index + 1, bytes(text));
            } else {
                insert.setString(index + 1, value(column.type(), text));
            }
        } catch (UnrepresentableValueException e) {
            throw failure(column, e.getMessage());
        } catch (IllegalArgumentException | DateTimeException e) {
            // The parsers' own messages may quote the value, which is data and may be confidential.
            throw failure(column, "the value is not a " + column.type() + " in canonical text form");
        }
    }

    private SQLException failure(ColumnDescription column, String reason) {
        return new SQLException("Row " + (written + 1) + ", column \"" + column.name() + "\": " + reason, "22018");
    }

    /** The text MariaDB reads as the value for a column of the dialect's type for this portable type. */
    private static String value(PortableType type, String text) {
        return switch (type.kind()) {
            case BOOLEAN -> bool(text);
            case DECIMAL, REAL, DOUBLE -> finiteNumber(text);
            case DATE ->
                switch (text) {
                    case "infinity" -> "9999-12-31";
                    case "-infinity" -> "0001-01-01";
                    default -> LocalDate.parse(anno(text)).toString();
                };
            case TIMESTAMP ->
                switch (text) {
                    case "infinity" -> "9999-12-31 23:59:59.999999";
                    case "-infinity" -> "0001-01-01 00:00:00";
                    default -> WRITTEN_TIMESTAMP.format(LocalDateTime.parse(anno(text), TIMESTAMP));
                };
            case TIMESTAMP_TZ ->
                switch (text) {
                    case "infinity" -> "9999-12-31 23:59:59.999999";
                    case "-infinity" -> "0001-01-01 00:00:00";
                    default ->
                        WRITTEN_TIMESTAMP.format(OffsetDateTime.parse(anno(text), OFFSET_TIMESTAMP)
                                .withOffsetSameInstant(ZoneOffset.UTC));
                };
            // Parsed, so that MariaDB's refusal does not quote the value; TIME holds 24:00:00 as it is.
            case TIME -> time(text);
            // The other kinds are their text.
            default -> text;
        };
    }

    private static String bool(String text) {
        return switch (text) {
            case "t" -> "1";
            case "f" -> "0";
            default -> throw new IllegalArgumentException("A boolean is t or f");
        };
    }

    private static String time(String text) {
        if (!text.equals("24:00:00")) {
            LocalTime.parse(text);
        }
        return text;
    }

    private static String finiteNumber(String text) {
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            throw new UnrepresentableValueException("MariaDB numbers hold no NaN and no infinity");
        }
        return text;
    }

    private static String anno(String text) {
        if (text.endsWith(" BC")) {
            throw new UnrepresentableValueException("MariaDB dates start at year 1");
        }
        return text;
    }

    private static byte[] bytes(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("Binary values start with \\x");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }

    @Override
    public long finish() throws SQLException {
        if (!finished && batched > 0) {
            insert.executeBatch();
            batched = 0;
        }
        finished = true;
        return written;
    }

    /** Closing the statement drops the rows still batched. */
    @Override
    public void close() throws SQLException {
        insert.close();
    }

    /** A well-formed value MariaDB cannot hold; the message never quotes the value. */
    private static final class UnrepresentableValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnrepresentableValueException(String message) {
            super(message);
        }
    }
}
