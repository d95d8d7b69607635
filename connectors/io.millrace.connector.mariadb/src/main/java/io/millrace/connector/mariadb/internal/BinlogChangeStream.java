package io.millrace.connector.mariadb.internal;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeEvent.Change;
import io.millrace.connector.api.ChangeEvent.Operation;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row changes of a server's binlog as {@link ChangeEvent}s, read as a replica from a position.
 * Positions are the end of each transaction's commit event: streaming from one skips exactly the
 * transactions up to it. Where the server logs column names ({@code binlog_row_metadata = FULL}),
 * each change carries its table's columns as they were when it was written; otherwise they come
 * from information_schema, read again when a DDL statement in the binlog changes the table (see
 * {@link #onQuery}).
 */
final class BinlogChangeStream implements ChangeStream {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogChangeStream.class);
    private static final int QUEUE_EVENTS = 10_000;
    private static final Pattern TRUNCATE = Pattern.compile(
            "^\\s*TRUNCATE\\s+(?:TABLE\\s+)?(?:`((?:[^`]|``)+)`|(\\w+))(?:\\.(?:`((?:[^`]|``)+)`|(\\w+)))?\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** A DDL statement, after any leading comments a client put before it. */
    private static final Pattern DDL = Pattern.compile(
            "^\\s*(?:/\\*.*?\\*/\\s*)*(ALTER|CREATE|DROP|RENAME|TRUNCATE)\\s",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final BinaryLogClient client;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final List<String> databases;
    private final ZeroDates zeroDates;
    private final ConnectionSettings settings;
    private final Map<List<String>, SourceTable> schemas = new HashMap<>();
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    /** Tables as their last table map describes them, for servers that log column names. */
    private final Map<Long, SourceTable> loggedTables = new HashMap<>();

    private Connection catalog;
    private volatile boolean closed;

    // Read and written by the binlog client's thread only.
    private String file;
    private String transactionId = "";

    private BinlogChangeStream(ConnectionSettings settings, String name, BinlogPosition start) {
        this.settings = settings;
        this.databases = MariaDbConnection.databases(settings);
        this.zeroDates = MariaDbConnection.zeroDates(settings);
        this.file = start.file();
        client = new BinaryLogClient(
                MariaDbConnection.host(settings),
                MariaDbConnection.port(settings),
                settings.require(MariaDbConnection.USER),
                settings.get(MariaDbConnection.PASSWORD, ""));
        client.setSSLMode(
                switch (MariaDbConnection.sslMode(settings)) {
                    case "trust" -> SSLMode.REQUIRED;
                    case "verify-ca" -> SSLMode.VERIFY_CA;
                    case "verify-full" -> SSLMode.VERIFY_IDENTITY;
                    default -> SSLMode.DISABLED;
                });
        client.setServerId(MariaDbConnection.serverId(settings, name));
        client.setBinlogFilename(start.file());
        client.setBinlogPosition(start.offset());
        // A broken stream is the task's to retry from its committed position, not the client's.
        client.setKeepAlive(false);
        client.setEventDeserializer(RowDeserializers.eventDeserializer());
        client.setThreadFactory(runnable -> {
            Thread thread = new Thread(runnable, "millrace-binlog-" + name);
            thread.setDaemon(true);
            return thread;
        });
        client.registerEventListener(this::onEvent);
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient failed, Exception e) {
                fail(new ConnectorException(
                        "The binlog stream broke at " + file + ": " + e.getMessage()
                                + (binlogGone(e)
                                        ? ". The server no longer has the binlog file the task needs (expire_logs_days"
                                                + " or binlog_expire_logs_seconds removed it): delete the task and"
                                                + " create it again to load the tables anew, and keep binlogs longer"
                                        : ""),
                        e,
                        !binlogGone(e)));
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient failed, Exception e) {
                fail(new ConnectorException("Cannot read the binlog at " + file + ": " + e.getMessage(), e));
            }
        });
    }

    static BinlogChangeStream start(ConnectionSettings settings, String name, BinlogPosition start) {
        BinlogChangeStream stream = new BinlogChangeStream(settings, name, start);
        try {
            stream.catalog = MariaDbConnection.open(settings);
            stream.client.connect(TimeUnit.SECONDS.toMillis(20));
            LOG.info(
                    "Reading the binlog of {} from {} as replica {}",
                    MariaDbConnection.host(settings),
                    start,
                    stream.client.getServerId());
        } catch (SQLException e) {
            stream.close();
            throw new ConnectorException(
                    "Cannot read the tables of " + settings.require(MariaDbConnection.HOST) + ": " + e.getMessage()
                            + ". " + ConnectFailures.fix(e),
                    e,
                    true);
        } catch (IOException | TimeoutException e) {
            stream.close();
            throw new ConnectorException(
                    "Cannot read the binlog from " + start + ": " + e.getMessage()
                            + ". The user needs REPLICATION SLAVE, and the server binlog_format = ROW",
                    e,
                    !(e instanceof IOException)
                            || !String.valueOf(e.getMessage()).contains("log file"));
        }
        return stream;
    }

    /** Whether the server refused the position because its binlog file is gone. */
    private static boolean binlogGone(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Could not find first log file") || message.contains("purged");
    }

    @Override
    public Optional<ChangeEvent> next(Duration wait) {
        Object next;
        try {
            next = ready.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (next instanceof ConnectorException failure) {
            ready.add(failure); // every later call fails alike
            throw failure;
        }
        return Optional.ofNullable((ChangeEvent) next);
    }

    private void onEvent(Event event) {
        try {
            EventData data = event.getData();
            EventHeaderV4 header = event.getHeader();
            if (data instanceof RotateEventData rotate) {
                file = rotate.getBinlogFilename();
            } else if (data instanceof MariadbGtidEventData gtid) {
                transactionId = gtid.getDomainId() + "-" + gtid.getServerId() + "-" + gtid.getSequence();
            } else if (data instanceof GtidEventData gtid) {
                transactionId = gtid.getMySqlGtid().toString();
            } else if (data instanceof TableMapEventData map) {
                tableMaps.put(map.getTableId(), map);
                loggedTables.remove(map.getTableId());
            } else if (data instanceof WriteRowsEventData write) {
                for (Serializable[] row : write.getRows()) {
                    change(header, write.getTableId(), Operation.INSERT, write.getIncludedColumns(), row);
                }
            } else if (data instanceof UpdateRowsEventData update) {
                for (Map.Entry<Serializable[], Serializable[]> row : update.getRows()) {
                    update(header, update, row.getKey(), row.getValue());
                }
            } else if (data instanceof DeleteRowsEventData delete) {
                for (Serializable[] row : delete.getRows()) {
                    change(header, delete.getTableId(), Operation.DELETE, delete.getIncludedColumns(), row);
                }
            } else if (data instanceof com.github.shyiko.mysql.binlog.event.XidEventData) {
                commit(header);
            } else if (data instanceof QueryEventData query) {
                onQuery(header, query);
            }
        } catch (ConnectorException e) {
            fail(e);
        } catch (SQLException e) {
            fail(new ConnectorException(
                    "Cannot read the columns of a table changed in the binlog at " + file + ": " + e.getMessage(),
                    e,
                    true));
        } catch (RuntimeException e) {
            fail(new ConnectorException("Cannot read the binlog at " + file + ": " + e, e));
        }
    }

    /**
     * Transactions of non-transactional tables end with a COMMIT (or ROLLBACK) statement, DDL statements commit
     * on their own. A DDL statement may change the columns of a table: its columns are read again
     * before its next change. Reading them when the statement arrives gives the columns as of the
     * statement as long as no later DDL of the same table ran before the stream got here; the
     * column count of each change is checked against them.
     */
    private void onQuery(EventHeaderV4 header, QueryEventData query) throws SQLException {
        String sql = query.getSql().trim();
        if (sql.equalsIgnoreCase("BEGIN")) {
            return;
        }
        // A ROLLBACK in the binlog ends a transaction whose non-transactional changes stay done.
        if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK")) {
            commit(header);
            return;
        }
        if (!DDL.matcher(sql).find()) {
            return;
        }
        schemas.clear();
        loggedTables.clear();
        Matcher truncate = TRUNCATE.matcher(sql);
        if (truncate.matches()) {
            String first = unquote(truncate.group(1), truncate.group(2));
            String second = unquote(truncate.group(3), truncate.group(4));
            String schema = second == null ? query.getDatabase() : first;
            String table = second == null ? first : second;
            Optional<SourceTable> truncated = table(schema, table);
            if (truncated.isPresent()) {
                put(new Change(
                        schema,
                        table,
                        Operation.TRUNCATE,
                        truncated.get().columns().stream()
                                .map(SourceColumn::name)
                                .toList(),
                        new String[truncated.get().columns().size()],
                        new BitSet(),
                        Instant.ofEpochMilli(header.getTimestamp()),
                        transactionId));
            }
        }
        commit(header);
    }

    private static String unquote(String quoted, String plain) {
        return quoted != null ? quoted.replace("``", "`") : plain;
    }

    private void update(EventHeaderV4 header, UpdateRowsEventData update, Serializable[] before, Serializable[] after)
            throws SQLException {
        Optional<SourceTable> table = tableOf(update.getTableId());
        if (table.isEmpty()) {
            return;
        }
        List<String> key = table.get().primaryKey();
        boolean keyChanged = key.isEmpty();
        List<String> names =
                table.get().columns().stream().map(SourceColumn::name).toList();
        for (String column : key) {
            int index = names.indexOf(column);
            if (!Objects.deepEquals(
                    cell(update.getIncludedColumnsBeforeUpdate(), before, index),
                    cell(update.getIncludedColumns(), after, index))) {
                keyChanged = true;
            }
        }
        // A key that moves, or a row that only its whole content tells apart, lands as a delete and an insert.
        if (keyChanged) {
            change(header, update.getTableId(), Operation.DELETE, update.getIncludedColumnsBeforeUpdate(), before);
            change(header, update.getTableId(), Operation.INSERT, update.getIncludedColumns(), after);
        } else {
            change(header, update.getTableId(), Operation.UPDATE, update.getIncludedColumns(), after);
        }
    }

    private static Serializable cell(BitSet included, Serializable[] row, int column) {
        if (column < 0 || !included.get(column)) {
            return null;
        }
        return row[included.get(0, column).cardinality()];
    }

    private void change(EventHeaderV4 header, long tableId, Operation operation, BitSet included, Serializable[] row)
            throws SQLException {
        Optional<SourceTable> found = tableOf(tableId);
        if (found.isEmpty()) {
            return;
        }
        SourceTable table = found.get();
        TableMapEventData map = tableMaps.get(tableId);
        String qualified = table.schema() + "." + table.name();
        String[] values = new String[table.columns().size()];
        int cell = 0;
        for (int column = included.nextSetBit(0); column >= 0; column = included.nextSetBit(column + 1)) {
            values[column] = BinlogValues.text(
                    row[cell++],
                    map.getColumnTypes()[column] & 0xff,
                    table.columns().get(column),
                    zeroDates,
                    qualified);
        }
        put(new Change(
                table.schema(),
                table.name(),
                operation,
                table.columns().stream().map(SourceColumn::name).toList(),
                values,
                new BitSet(),
                Instant.ofEpochMilli(header.getTimestamp()),
                transactionId));
    }

    /** The table a row event is about, when it is in a captured database, with its columns checked. */
    private Optional<SourceTable> tableOf(long tableId) throws SQLException {
        TableMapEventData map = tableMaps.get(tableId);
        if (map == null || !databases.contains(map.getDatabase())) {
            return Optional.empty();
        }
        List<String> names =
                map.getEventMetadata() == null ? null : map.getEventMetadata().getColumnNames();
        if (names != null && names.size() == map.getColumnTypes().length) {
            SourceTable logged = loggedTables.get(tableId);
            if (logged == null) {
                logged = asLogged(map, names);
                loggedTables.put(tableId, logged);
            }
            return Optional.of(logged);
        }
        Optional<SourceTable> table = table(map.getDatabase(), map.getTable());
        int logged = map.getColumnTypes().length;
        if (table.isPresent() && table.get().columns().size() != logged) {
            schemas.remove(List.of(map.getDatabase(), map.getTable()));
            table = table(map.getDatabase(), map.getTable());
        }
        if (table.isEmpty() || table.get().columns().size() != logged) {
            throw new ConnectorException(
                    "The binlog at " + file + " has " + logged + " columns for " + map.getDatabase() + "."
                            + map.getTable() + ", but the table has "
                            + table.map(found -> found.columns().size()).orElse(0)
                            + " now: its columns changed again after this change. Reload the table",
                    null);
        }
        return table;
    }

    /**
     * The table with the columns its table map names, in their order then. What reading a value
     * needs (signedness, character set, labels) comes from the table now; a column gone from it
     * since is read by its binlog type alone (text as UTF-8, integers as signed).
     */
    private SourceTable asLogged(TableMapEventData map, List<String> names) throws SQLException {
        Optional<SourceTable> now = table(map.getDatabase(), map.getTable());
        List<SourceColumn> columns = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int type = map.getColumnTypes()[i] & 0xff;
            int meta = map.getColumnMetadata()[i];
            columns.add(now.flatMap(table -> table.columns().stream()
                            .filter(column -> column.name().equals(name))
                            .findFirst())
                    .orElseGet(() -> BinlogValues.columnOfType(name, type, meta)));
        }
        List<String> key = now.map(SourceTable::primaryKey).orElse(List.of()).stream()
                .filter(names::contains)
                .toList();
        return new SourceTable(map.getDatabase(), map.getTable(), columns, key, 0);
    }

    private Optional<SourceTable> table(String schema, String name) throws SQLException {
        List<String> key = List.of(schema, name);
        SourceTable known = schemas.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (!databases.contains(schema)) {
            return Optional.empty();
        }
        Optional<SourceTable> read = MariaDbCatalog.read(catalog, List.of(schema), Optional.of(name)).stream()
                .findFirst();
        read.ifPresent(table -> schemas.put(key, table));
        return read;
    }

    private void commit(EventHeaderV4 header) {
        put(new ChangeEvent.Commit(
                new BinlogPosition(file, header.getNextPosition()).toString(),
                Instant.ofEpochMilli(header.getTimestamp()),
                transactionId));
        transactionId = "";
    }

    /** Hands an event to the reader, waiting while the reader is behind, until the stream closes. */
    private void put(Object event) {
        try {
            while (!closed && !ready.offer(event, 100, TimeUnit.MILLISECONDS)) {
                // the reader is behind: wait for it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(ConnectorException failure) {
        put(failure);
        try {
            client.disconnect();
        } catch (IOException e) {
            // The failure is reported already.
        }
    }

    /** Nothing to tell the server: it keeps its binlog by age (expire_logs_days), not for replicas. */
    @Override
    public void acknowledge(String position) {
        BinlogPosition.parse(position);
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.disconnect();
        } catch (IOException e) {
            // Closing anyway.
        }
        try {
            if (catalog != null) {
                catalog.close();
            }
        } catch (SQLException e) {
            // Closing anyway.
        }
    }
}
