package io.millrace.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * pgbench's tables and its built-in tpcb-like script, through JDBC, in PostgreSQL or MariaDB: the
 * same tables, the same statements per transaction (three updates, a select, an insert into the
 * history), clients that each hold one connection. It stands in for pgbench, which a fresh machine
 * does not have; unlike {@code pgbench -R}, a throttled client spaces its transactions evenly
 * instead of by a Poisson schedule, and the delta of a transaction is never 0.
 */
final class TpcbWorkload {
    /** Changes a transaction makes that capture sees: three updates and one insert. */
    static final int CHANGES_PER_TRANSACTION = 4;

    private static final int ACCOUNTS_PER_BRANCH = 100_000;
    private static final int TELLERS_PER_BRANCH = 10;

    /**
     * What pgbench's setup writes differently in each database: where the numbers 1..n come from
     * (a set of rows with the column {@code n}), integer division, the history's timestamp type and
     * refreshing the planner's statistics. The workload's statements are the same in both.
     */
    enum Dialect {
        POSTGRESQL("generate_series(1, %d) AS numbers(n)", "/", "timestamp", "VACUUM ANALYZE"),
        // MariaDB's sequence engine makes the table seq_1_to_<n>; its "/" divides into a decimal.
        MARIADB(
                "(SELECT seq AS n FROM seq_1_to_%d) AS numbers",
                "DIV",
                "datetime",
                "ANALYZE TABLE pgbench_branches, pgbench_tellers, pgbench_accounts, pgbench_history");

        private final String numbers;
        private final String integerDivision;
        private final String timestamp;
        private final String analyze;

        Dialect(String numbers, String integerDivision, String timestamp, String analyze) {
            this.numbers = numbers;
            this.integerDivision = integerDivision;
            this.timestamp = timestamp;
            this.analyze = analyze;
        }
    }

    private final DataSource database;
    private final Dialect dialect;
    private final int scale;

    TpcbWorkload(DataSource database, Dialect dialect, int scale) {
        this.database = database;
        this.dialect = dialect;
        this.scale = scale;
    }

    /** The rows of pgbench_accounts at this scale. */
    long accounts() {
        return (long) scale * ACCOUNTS_PER_BRANCH;
    }

    /** Creates and fills the four tables as {@code pgbench -i -s scale} does, keys added after the load. */
    void create() throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pgbench_branches (bid int NOT NULL, bbalance int, filler char(88))");
            statement.execute(
                    "CREATE TABLE pgbench_tellers (tid int NOT NULL, bid int, tbalance int, filler char(84))");
            statement.execute(
                    "CREATE TABLE pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84))");
            statement.execute("CREATE TABLE pgbench_history" + " (tid int, bid int, aid int, delta int, mtime "
                    + dialect.timestamp + ", filler char(22))");
            statement.execute("INSERT INTO pgbench_branches SELECT n, 0, '' FROM " + numbers(scale));
            statement.execute("INSERT INTO pgbench_tellers SELECT n, (n - 1) " + dialect.integerDivision + " "
                    + TELLERS_PER_BRANCH + " + 1, 0, '' FROM " + numbers(scale * TELLERS_PER_BRANCH));
            statement.execute("INSERT INTO pgbench_accounts SELECT n, (n - 1) " + dialect.integerDivision + " "
                    + ACCOUNTS_PER_BRANCH + " + 1, 0, '' FROM " + numbers(accounts()));
            statement.execute("ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)");
            statement.execute("ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)");
            statement.execute("ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
            statement.execute(dialect.analyze);
        }
    }

    private String numbers(long count) {
        return String.format(Locale.ROOT, dialect.numbers, count);
    }

    /** What a run did: committed transactions and how long the clients ran. */
    record Result(long transactions, long nanos) {
        double transactionsPerSecond() {
            return transactions / (nanos / 1e9);
        }
    }

    /**
     * Runs {@code clients} clients for {@code duration}.
     *
     * @param rate transactions per second of all clients together; 0 for as fast as they can
     */
    Result run(int clients, double rate, Duration duration) throws InterruptedException {
        AtomicLong transactions = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        long interval = rate > 0 ? (long) (1e9 * clients / rate) : 0;
        for (int client = 0; client < clients; client++) {
            // Throttled clients start staggered, so that together they spread evenly over time.
            long firstDue = started + interval * client / clients;
            Thread thread = new Thread(
                    () -> {
                        try {
                            runClient(firstDue, interval, deadline, transactions);
                        } catch (SQLException | InterruptedException | RuntimeException e) {
                            failures.add(e);
                        }
                    },
                    "tpcb-client-" + client);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A tpcb-like client failed", failures.get(0));
        }
        return new Result(transactions.get(), System.nanoTime() - started);
    }

    private void runClient(long firstDue, long interval, long deadline, AtomicLong transactions)
            throws SQLException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = database.getConnection();
                PreparedStatement account = connection.prepareStatement(
                        "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
                PreparedStatement balance =
                        connection.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?");
                PreparedStatement teller = connection.prepareStatement(
                        "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
                PreparedStatement branch = connection.prepareStatement(
                        "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
                PreparedStatement history = connection.prepareStatement("INSERT INTO pgbench_history"
                        + " (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            connection.setAutoCommit(false);
            long due = firstDue;
            while (true) {
                if (interval > 0) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    due += interval;
                }
                if (System.nanoTime() >= deadline) {
                    return;
                }
                int aid = random.nextInt(1, (int) accounts() + 1);
                int bid = random.nextInt(1, scale + 1);
                int tid = random.nextInt(1, scale * TELLERS_PER_BRANCH + 1);
                // pgbench draws from -5000 to 5000; 0 is left out because MariaDB writes no binlog row
                // for an update that leaves its row as it was: that transaction would make 1 change, not 4.
                int delta = random.nextInt(1, 5001) * (random.nextBoolean() ? 1 : -1);
                account.setInt(1, delta);
                account.setInt(2, aid);
                account.executeUpdate();
                balance.setInt(1, aid);
                balance.executeQuery().close();
                teller.setInt(1, delta);
                teller.setInt(2, tid);
                teller.executeUpdate();
                branch.setInt(1, delta);
                branch.setInt(2, bid);
                branch.executeUpdate();
                history.setInt(1, tid);
                history.setInt(2, bid);
                history.setInt(3, aid);
                history.setInt(4, delta);
                history.executeUpdate();
                connection.commit();
                transactions.incrementAndGet();
            }
        }
    }
}
