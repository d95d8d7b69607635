package io.millrace.demo.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo shop busy: orders come in and move on, customers change, page views come and go,
 * each in its own transaction, so landing has changes of every kind to capture.
 */
final class ShopActivity implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ShopActivity.class);

    private final Supplier<Connection> connections;
    private final int changesPerSecond;
    private volatile boolean stopped;

    ShopActivity(Supplier<Connection> connections, int changesPerSecond) {
        this.connections = connections;
        this.changesPerSecond = changesPerSecond;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        if (changesPerSecond <= 0) {
            return;
        }
        long pauseMillis = Math.max(1, 1000 / changesPerSecond);
        while (!stopped) {
            try (Connection connection = connections.get()) {
                while (!stopped) {
                    change(connection);
                    Thread.sleep(pauseMillis);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("The demo shop paused: {}", e.getMessage());
                sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void change(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int dice = random.nextInt(100);
        try (Statement statement = connection.createStatement()) {
            if (dice < 35) {
                connection.setAutoCommit(false);
                statement.execute("""
                        WITH placed AS (
                          INSERT INTO shop.orders (id, ordered_at, customer_id, total)
                          VALUES (nextval('shop.order_ids'), now(), 1 + floor(random() * 2000), round((random() * 500)::numeric, 2))
                          RETURNING id)
                        INSERT INTO shop.order_items
                        SELECT placed.id, line, 1 + floor(random() * 200), 1 + floor(random() * 3), round((random() * 100)::numeric, 2)
                        FROM placed, generate_series(1, 1 + floor(random() * 3)::int) line""");
                connection.commit();
                connection.setAutoCommit(true);
            } else if (dice < 65) {
                statement.execute(
                        "UPDATE shop.orders SET status = CASE status WHEN 'new' THEN 'paid' WHEN 'paid' THEN 'shipped'"
                                + " ELSE status END WHERE (id, ordered_at) IN (SELECT id, ordered_at FROM shop.orders WHERE status"
                                + " IN ('new', 'paid') ORDER BY random() LIMIT 1)");
            } else if (dice < 80) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE shop.customers SET credit = round((random() * 1000)::numeric, 2), vip = random() < 0.1"
                                + " WHERE id = ?")) {
                    update.setLong(1, 1 + random.nextInt(2000));
                    update.executeUpdate();
                }
            } else if (dice < 95) {
                statement.execute("INSERT INTO shop.page_views (path, customer_id, duration_ms) VALUES ('/products/' ||"
                        + " (1 + floor(random() * 200)), NULL, random() * 1000)");
            } else {
                statement.execute("DELETE FROM shop.page_views WHERE ctid IN (SELECT ctid FROM shop.page_views ORDER BY"
                        + " viewed_at LIMIT 1)");
            }
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            throw e;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
