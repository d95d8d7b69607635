package io.millrace.connector.mariadb.internal;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.millrace.connector.api.CanonicalText;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/** A binlog row cell, as the binlog client decoded it, in its column's canonical text form. */
final class BinlogValues {
    /** MySQL's binary JSON in a table map's column types; MariaDB's JSON is text. */
    private static final int MYSQL_JSON_TYPE = 245;

    private BinlogValues() {}

    static String text(Serializable cell, int binlogType, SourceColumn column, ZeroDates zeroDates, String table) {
        if (cell == null) {
            return null;
        }
        if (column.json()) {
            byte[] bytes = (byte[]) cell;
            if (binlogType == MYSQL_JSON_TYPE) {
                try {
                    return JsonBinary.parseAsString(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the JSON of " + table + "." + column.name(), e);
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (column.spatial()) {
            // The server keeps a 4-byte SRID before the WKB.
            byte[] bytes = (byte[]) cell;
            return CanonicalText.binary(Arrays.copyOfRange(bytes, Math.min(4, bytes.length), bytes.length));
        }
        if (column.binary()) {
            return CanonicalText.binary((byte[]) cell);
        }
        return switch (column.dataType()) {
            case "tinyint" -> unsigned(column, ((Number) cell).longValue(), 0xffL);
            case "smallint" -> unsigned(column, ((Number) cell).longValue(), 0xffffL);
            case "mediumint" -> unsigned(column, ((Number) cell).longValue(), 0xffffffL);
            case "int", "integer" -> unsigned(column, ((Number) cell).longValue(), 0xffffffffL);
            case "bigint" ->
                column.unsigned()
                        ? Long.toUnsignedString(((Number) cell).longValue())
                        : Long.toString(((Number) cell).longValue());
            case "decimal", "numeric" -> ((BigDecimal) cell).toPlainString();
            case "float" -> CanonicalText.real((Float) cell);
            case "double", "real" -> CanonicalText.doublePrecision((Double) cell);
            case "bit" -> {
                long[] words = ((BitSet) cell).toLongArray();
                yield MariaDbText.bits(words.length == 0 ? 0 : words[0], column.bitLength());
            }
            // The binlog stores a year as its distance from 1900, and 0 for the year 0000.
            case "year" -> ((Number) cell).intValue() == 1900 ? "0" : cell.toString();
            case "date", "datetime", "timestamp" ->
                MariaDbText.temporal(
                        (String) cell, column.dataType().equals("timestamp"), zeroDates, table, column.name());
            case "time" -> MariaDbText.duration((String) cell);
            case "enum" -> {
                int index = ((Number) cell).intValue();
                List<String> labels = column.labels();
                // 0 is the empty string MySQL stores for a value not among the labels.
                yield index >= 1 && index <= labels.size() ? labels.get(index - 1) : "";
            }
            case "set" -> {
                long bits = ((Number) cell).longValue();
                List<String> labels = column.labels();
                StringJoiner members = new StringJoiner(",");
                for (int i = 0; i < labels.size(); i++) {
                    if ((bits & (1L << i)) != 0) {
                        members.add(labels.get(i));
                    }
                }
                yield members.toString();
            }
            default -> cell instanceof byte[] bytes ? new String(bytes, charset(column)) : cell.toString();
        };
    }

    /** A column known only by its binlog type, for one no longer in the table. */
    static SourceColumn columnOfType(String name, int binlogType, int meta) {
        String type = switch (ColumnType.byCode(binlogType)) {
            case TINY -> "tinyint";
            case SHORT -> "smallint";
            case INT24 -> "mediumint";
            case LONG -> "int";
            case LONGLONG -> "bigint";
            case NEWDECIMAL -> "decimal(" + (meta & 0xff) + "," + (meta >> 8) + ")";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BIT -> "bit(" + ((meta >> 8) * 8 + (meta & 0xff)) + ")";
            case DATE -> "date";
            case TIME_V2 -> "time";
            case DATETIME_V2 -> "datetime";
            case TIMESTAMP_V2 -> "timestamp";
            case YEAR -> "year";
            case GEOMETRY -> "geometry";
            default -> "text";
        };
        int end = type.indexOf('(');
        return new SourceColumn(name, end < 0 ? type : type.substring(0, end), type, Optional.empty(), false, true);
    }

    private static String unsigned(SourceColumn column, long value, long mask) {
        return Long.toString(column.unsigned() ? value & mask : value);
    }

    /** The Java charset of a MySQL character set; MySQL's latin1 is Windows' cp1252. */
    private static Charset charset(SourceColumn column) {
        String name = column.charset().orElse("utf8mb4").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "utf8mb4", "utf8mb3", "utf8" -> StandardCharsets.UTF_8;
            case "latin1" -> Charset.forName("windows-1252");
            case "ascii" -> StandardCharsets.US_ASCII;
            case "ucs2" -> StandardCharsets.UTF_16BE;
            case "utf16" -> StandardCharsets.UTF_16BE;
            case "utf16le" -> StandardCharsets.UTF_16LE;
            case "utf32" -> Charset.forName("UTF-32BE");
            case "cp1250" -> Charset.forName("windows-1250");
            case "cp1251" -> Charset.forName("windows-1251");
            case "greek" -> Charset.forName("ISO-8859-7");
            case "hebrew" -> Charset.forName("ISO-8859-8");
            case "latin2" -> Charset.forName("ISO-8859-2");
            case "sjis" -> Charset.forName("Shift_JIS");
            case "ujis" -> Charset.forName("EUC-JP");
            case "euckr" -> Charset.forName("EUC-KR");
            case "gbk" -> Charset.forName("GBK");
            case "gb2312" -> Charset.forName("GB2312");
            case "big5" -> Charset.forName("Big5");
            default -> StandardCharsets.UTF_8;
        };
    }
}
