package io.millrace.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.MetadataStore;
import io.millrace.persistence.StoreDescription;
import io.millrace.persistence.StoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The metadata database: a connection pool, the schema brought to the current version by the
 * migrations in {@code db/migration}, and Hibernate on top. Works the same on H2 and PostgreSQL.
 */
final class MetadataDatabase implements MetadataStore, AutoCloseable {
    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private final HikariDataSource pool;
    private final SessionFactory sessions;
    private final StoreDescription description;

    private MetadataDatabase(HikariDataSource pool, SessionFactory sessions, StoreDescription description) {
        this.pool = pool;
        this.sessions = sessions;
        this.description = description;
    }

    /**
     * Connects, migrates the schema and starts Hibernate.
     *
     * @throws StoreException naming the URL and what failed (never the password)
     */
    static MetadataDatabase open(String url, String user, String password, int maximumPoolSize) {
        HikariDataSource pool = pool(url, user, password, maximumPoolSize);
        // Hibernate and Flyway find their plugins through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader own = MetadataDatabase.class.getClassLoader();
        thread.setContextClassLoader(own);
        try {
            String schemaVersion = migrate(pool, own, url);
            StoreDescription description = new StoreDescription(product(pool, url), redact(url), schemaVersion);
            return new MetadataDatabase(pool, sessionFactory(pool, own), description);
        } catch (RuntimeException e) {
            pool.close();
            throw e instanceof StoreException
                    ? e
                    : new StoreException(
                            "Cannot start the metadata store at " + redact(url) + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public StoreDescription describe() {
        return description;
    }

    @Override
    public boolean isAvailable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs the work in one transaction, committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Function<Session, T> work) {
        try (Session session = sessions.openSession()) {
            Transaction transaction = session.beginTransaction();
            try {
                T result = work.apply(session);
                transaction.commit();
                return result;
            } catch (RuntimeException e) {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
                throw e;
            }
        } catch (ConstraintViolationException e) {
            // The stores check keys before writing; this catches what a concurrent writer slipped in.
            if (e.getKind() == ConstraintKind.UNIQUE) {
                throw new DuplicateKeyException("Already stored: " + e.getConstraintName());
            }
            throw new StoreException(
                    "The metadata database refused the change (" + e.getKind() + " constraint " + e.getConstraintName()
                            + "): " + e.getSQLException().getMessage(),
                    e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("The metadata store failed: " + e.getMessage(), e);
        }
    }

    /** Stores a new record in its own transaction, refusing one whose key is taken. */
    void insert(Class<?> type, Object key, Object record, String whenTaken) {
        inTransaction(session -> {
            if (session.find(type, key) != null) {
                throw new DuplicateKeyException(whenTaken);
            }
            session.persist(record);
            return null;
        });
    }

    @Override
    public void close() {
        sessions.close();
        pool.close();
    }

    /** Product name and version as the database reports them, such as {@code H2 2.5.252}. */
    private static String product(DataSource pool, String url) {
        try (Connection connection = pool.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            // Versions may carry a build date or distribution after a space: keep the number.
            return metaData.getDatabaseProductName() + " "
                    + metaData.getDatabaseProductVersion().split(" ", 2)[0];
        } catch (SQLException e) {
            throw new StoreException("Cannot read the database version at " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("millrace-metadata");
        // The drivers are other bundles: hand the pool a data source instead of a driver class name,
        // which it would look up through class loaders that cannot see them.
        config.setDataSource(dataSource(url, user, password));
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setInitializationFailTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException(
                    "Cannot connect to the metadata store at " + redact(url) + " as '" + user + "': "
                            + cause.getMessage(),
                    e);
        }
    }

    private static DataSource dataSource(String url, String user, String password) {
        if (url.startsWith(H2_PREFIX)) {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith(POSTGRES_PREFIX)) {
            try {
                PGSimpleDataSource postgres = new PGSimpleDataSource();
                postgres.setURL(url);
                postgres.setUser(user);
                postgres.setPassword(password);
                return postgres;
            } catch (NoClassDefFoundError e) {
                throw new StoreException("Cannot connect to the metadata store at " + redact(url)
                        + ": the PostgreSQL driver bundle (org.postgresql.jdbc) is not installed");
            } catch (IllegalArgumentException e) {
                // The driver's message repeats the URL with any password in it: leave it out.
                throw new StoreException("The metadata store URL " + redact(url) + " is not a valid PostgreSQL URL");
            }
        }
        throw new StoreException("The metadata store URL must start with " + H2_PREFIX + " or " + POSTGRES_PREFIX
                + "; it is " + redact(url));
    }

    private static String migrate(DataSource pool, ClassLoader classLoader, String url) {
        Flyway flyway = Flyway.configure(classLoader)
                .dataSource(pool)
                .locations("classpath:db/migration")
                .table("schema_history")
                .loggers("slf4j")
                .load();
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            throw new StoreException(
                    "Cannot bring the metadata store at " + redact(url) + " to the current schema: " + e.getMessage(),
                    e);
        }
        MigrationInfo current = flyway.info().current();
        return current == null ? "0" : current.getVersion().getVersion();
    }

    private static SessionFactory sessionFactory(DataSource pool, ClassLoader classLoader) {
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder()
                .applyClassLoader(classLoader)
                .build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySettings(Map.of(
                        AvailableSettings.JAKARTA_NON_JTA_DATASOURCE,
                        pool,
                        AvailableSettings.HBM2DDL_AUTO,
                        "none",
                        AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT,
                        true,
                        AvailableSettings.JDBC_TIME_ZONE,
                        "UTC"))
                .build();
        try {
            return new MetadataSources(registry)
                    .addAnnotatedClass(UserRecord.class)
                    .addAnnotatedClass(ApiKeyRecord.class)
                    .addAnnotatedClass(RevokedTokenRecord.class)
                    .addAnnotatedClass(ConnectionRecord.class)
                    .addAnnotatedClass(ProjectRecord.class)
                    .addAnnotatedClass(TaskRecord.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
    }
}
