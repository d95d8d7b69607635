package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Reads tables, columns and primary keys from PostgreSQL's system catalogs. */
final class PostgresCatalog implements Catalog {
    /** Ordinary and partitioned tables the user may read, without partitions and system schemas. */
    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, c.relkind = 'p', c.reltuples::bigint,
                   a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   coalesce(base.typname, t.typname), coalesce(base.typtype, t.typtype),
                   coalesce(base.typcategory, t.typcategory),
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type base ON t.typtype = 'd' AND base.oid = t.typbasetype
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
              AND has_table_privilege(c.oid, 'SELECT')
            ORDER BY n.nspname, c.relname, a.attnum
            """;

    private static final String PRIMARY_KEYS = """
            SELECT n.nspname, c.relname, a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE i.indisprimary AND c.relkind IN ('r', 'p')
            ORDER BY n.nspname, c.relname, k.position
            """;

    @Override
    public List<TableDescription> tables(ConnectionSettings settings) {
        try (Connection connection = PostgresConnection.open(settings);
                Statement statement = connection.createStatement()) {
            Map<List<String>, List<String>> keys = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(PRIMARY_KEYS)) {
                while (rows.next()) {
                    keys.computeIfAbsent(List.of(rows.getString(1), rows.getString(2)), table -> new ArrayList<>())
                            .add(rows.getString(3));
                }
            }
            Map<List<String>, Table> tables = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(COLUMNS)) {
                while (rows.next()) {
                    List<String> name = List.of(rows.getString(1), rows.getString(2));
                    boolean partitioned = rows.getBoolean(3);
                    long estimatedRows = rows.getLong(4);
                    Table table = tables.computeIfAbsent(name, key -> new Table(key, partitioned, estimatedRows));
                    table.columns.add(new ColumnDescription(
                            rows.getString(5),
                            rows.getString(6),
                            portable(rows.getString(8), rows.getString(9), rows.getString(10), rows.getInt(11)),
                            !rows.getBoolean(7)));
                }
            }
            return tables.values().stream()
                    .map(table -> table.describe(keys.getOrDefault(table.name, List.of())))
                    .toList();
        } catch (SQLException e) {
            throw new CatalogException(ConnectFailures.explain("Cannot read the tables of PostgreSQL", e), e);
        }
    }

    /**
     * The portable type of a PostgreSQL type, by its name (the base type's, for domains), its kind
     * ({@code e} for enums), its category ({@code A} for arrays) and its type modifier.
     */
    static PortableType portable(String name, String typeType, String category, int modifier) {
        if (category.equals("A")) {
            return PortableType.of(Kind.ARRAY);
        }
        if (typeType.equals("e")) {
            return PortableType.of(Kind.STRING);
        }
        return switch (name) {
            case "bool" -> PortableType.of(Kind.BOOLEAN);
            case "int2" -> PortableType.of(Kind.SMALLINT);
            case "int4" -> PortableType.of(Kind.INTEGER);
            case "int8" -> PortableType.of(Kind.BIGINT);
            case "numeric" ->
                modifier >= 4
                        ? PortableType.decimal(((modifier - 4) >> 16) & 0xffff, (modifier - 4) & 0xffff)
                        : PortableType.of(Kind.DECIMAL);
            case "float4" -> PortableType.of(Kind.REAL);
            case "float8" -> PortableType.of(Kind.DOUBLE);
            case "varchar", "bpchar" ->
                modifier >= 4 ? PortableType.string(modifier - 4) : PortableType.of(Kind.STRING);
            case "bytea" -> PortableType.of(Kind.BINARY);
            case "date" -> PortableType.of(Kind.DATE);
            case "time" -> withPrecision(Kind.TIME, modifier);
            case "timetz" -> withPrecision(Kind.TIME_TZ, modifier);
            case "timestamp" -> withPrecision(Kind.TIMESTAMP, modifier);
            case "timestamptz" -> withPrecision(Kind.TIMESTAMP_TZ, modifier);
            case "interval" -> PortableType.of(Kind.INTERVAL);
            case "uuid" -> PortableType.of(Kind.UUID);
            case "json", "jsonb" -> PortableType.of(Kind.JSON);
            // text, money (its text form is exact), bit strings, network addresses, ranges, tsvector...
            default -> PortableType.of(Kind.STRING);
        };
    }

    private static PortableType withPrecision(Kind kind, int modifier) {
        return modifier >= 0
                ? new PortableType(kind, OptionalInt.empty(), OptionalInt.of(modifier), OptionalInt.empty())
                : PortableType.of(kind);
    }

    private static final class Table {
        final List<String> name;
        final boolean partitioned;
        final long estimatedRows;
        final List<ColumnDescription> columns = new ArrayList<>();

        Table(List<String> name, boolean partitioned, long estimatedRows) {
            this.name = name;
            this.partitioned = partitioned;
            this.estimatedRows = estimatedRows;
        }

        TableDescription describe(List<String> primaryKey) {
            // reltuples is -1 (PostgreSQL 14+) or 0 for a table never analyzed: no estimate.
            return new TableDescription(
                    name.get(0),
                    name.get(1),
                    partitioned,
                    columns,
                    primaryKey,
                    estimatedRows > 0 ? OptionalLong.of(estimatedRows) : OptionalLong.empty());
        }
    }
}
