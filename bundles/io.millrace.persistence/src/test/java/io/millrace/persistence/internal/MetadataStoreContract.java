package io.millrace.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.StoreException;
import io.millrace.persistence.StoredApiKey;
import io.millrace.persistence.StoredConnection;
import io.millrace.persistence.StoredUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every metadata database must do, run against H2 and PostgreSQL. */
abstract class MetadataStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123456Z");

    private MetadataDatabase database;
    private HibernateUserStore users;
    private HibernateApiKeyStore keys;
    private HibernateRevokedTokenStore revoked;
    private HibernateConnectionStore connections;

    /** A URL of an empty database, the same one on every call within a test. */
    abstract String url();

    abstract String user();

    abstract String password();

    /** The product name the database reports, such as {@code H2}. */
    abstract String productName();

    @BeforeEach
    void open() {
        reopen();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void usersRoundTripWithTheirRoles() {
        users.create(user("ada", Set.of("admin", "user")));
        users.create(user("bob", Set.of("user")));

        assertThat(users.find("ada")).contains(user("ada", Set.of("admin", "user")));
        assertThat(users.find("nobody")).isEmpty();
        assertThat(users.list()).extracting(StoredUser::username).containsExactly("ada", "bob");
        assertThat(users.count()).isEqualTo(2);
    }

    @Test
    void aSecondUserOfTheSameNameIsRefused() {
        users.create(user("ada", Set.of("user")));

        assertThatThrownBy(() -> users.create(user("ada", Set.of("admin"))))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("ada");
        assertThat(users.find("ada").orElseThrow().roles()).containsExactly("user");
    }

    @Test
    void passwordsChangeAndUsersGoWithTheirKeys() {
        users.create(user("ada", Set.of("user")));
        keys.create(key("k1", "ada"));

        assertThat(users.updatePassword("ada", "new-hash", T0.plusSeconds(60))).isTrue();
        assertThat(users.updatePassword("nobody", "x", T0)).isFalse();
        StoredUser changed = users.find("ada").orElseThrow();
        assertThat(changed.passwordHash()).isEqualTo("new-hash");
        assertThat(changed.credentialsChangedAt()).isEqualTo(T0.plusSeconds(60));

        assertThat(users.delete("ada")).isTrue();
        assertThat(users.delete("ada")).isFalse();
        assertThat(keys.find("k1")).isEmpty();
    }

    @Test
    void apiKeysAreStoredListedMarkedAndDeleted() {
        users.create(user("ada", Set.of("user")));
        users.create(user("bob", Set.of("user")));
        keys.create(key("k1", "ada"));
        keys.create(new StoredApiKey(
                "k2",
                "nightly",
                "ada",
                "hash-k2",
                T0.plusSeconds(1),
                Optional.of(T0.plus(30, ChronoUnit.DAYS)),
                Optional.empty()));
        keys.create(key("k3", "bob"));

        assertThat(keys.find("k2").orElseThrow().expiresAt()).contains(T0.plus(30, ChronoUnit.DAYS));
        assertThat(keys.listByOwner("ada")).extracting(StoredApiKey::id).containsExactly("k1", "k2");
        assertThatThrownBy(() -> keys.create(key("k1", "bob"))).isInstanceOf(DuplicateKeyException.class);

        keys.markUsed("k1", T0.plusSeconds(5));
        assertThat(keys.find("k1").orElseThrow().lastUsedAt()).contains(T0.plusSeconds(5));

        assertThat(keys.delete("k1")).isTrue();
        assertThat(keys.delete("k1")).isFalse();
        assertThat(keys.listByOwner("ada")).extracting(StoredApiKey::id).containsExactly("k2");
    }

    @Test
    void apiKeysNeedAnExistingOwner() {
        assertThatThrownBy(() -> keys.create(key("k1", "nobody")))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("nobody");
        assertThat(keys.find("k1")).isEmpty();
    }

    @Test
    void keysTheDatabaseRefusesAreDuplicatesOnlyWhenUnique() {
        users.create(user("ada", Set.of("user")));

        // Straight to the database, past the stores' own checks, as a concurrent writer would get.
        assertThatThrownBy(() -> database.inTransaction(session -> {
                    session.persist(new UserRecord(user("ada", Set.of("admin"))));
                    return null;
                }))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> database.inTransaction(session -> {
                    session.persist(new ApiKeyRecord(key("k1", "nobody")));
                    return null;
                }))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("FOREIGN_KEY");
        assertThat(users.find("ada").orElseThrow().roles()).containsExactly("user");
    }

    @Test
    void theDescriptionNamesTheDatabaseAndItsVersion() {
        assertThat(database.describe().database()).matches(productName() + " \\d+\\.\\d+.*");
        assertThat(database.describe().location()).isEqualTo(url());
    }

    @Test
    void revokedTokensAreRememberedUntilTheyExpire() {
        revoked.revoke("t1", T0.plusSeconds(10));
        revoked.revoke("t2", T0.plusSeconds(100));
        revoked.revoke("t1", T0.plusSeconds(10));

        assertThat(revoked.isRevoked("t1")).isTrue();
        assertThat(revoked.isRevoked("t3")).isFalse();
        assertThat(revoked.purgeExpired(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(revoked.isRevoked("t1")).isFalse();
        assertThat(revoked.isRevoked("t2")).isTrue();
    }

    @Test
    void connectionsKeepTheirSettingsAndAreRenamedUpdatedAndDeleted() {
        StoredConnection source = connection("c1", "orders source", Map.of("host", "db1", "port", "5432"));
        connections.create(source);
        connections.create(connection("c2", "warehouse", Map.of("url", "jdbc:h2:mem:w")));

        assertThat(connections.find("c1")).contains(source);
        assertThat(connections.list()).extracting(StoredConnection::name).containsExactly("orders source", "warehouse");

        StoredConnection changed = new StoredConnection(
                "c1",
                "orders",
                "postgres",
                Map.of("host", "db2"),
                Map.of("password", "mr1:k1:other"),
                T0,
                T0.plusSeconds(9));
        assertThat(connections.update(changed)).isTrue();
        assertThat(connections.find("c1")).contains(changed);
        assertThat(connections.update(connection("nope", "x", Map.of()))).isFalse();

        assertThat(connections.delete("c1")).isTrue();
        assertThat(connections.delete("c1")).isFalse();
        assertThat(connections.list()).extracting(StoredConnection::id).containsExactly("c2");
    }

    @Test
    void connectionNamesAreUnique() {
        connections.create(connection("c1", "orders", Map.of()));
        connections.create(connection("c2", "billing", Map.of()));

        assertThatThrownBy(() -> connections.create(connection("c3", "orders", Map.of())))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("orders");
        assertThatThrownBy(() -> connections.update(connection("c2", "orders", Map.of())))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(connections.find("c2").orElseThrow().name()).isEqualTo("billing");
    }

    @Test
    void everythingSurvivesReopeningAndTheSchemaIsMigratedOnce() {
        users.create(user("ada", Set.of("admin")));
        keys.create(key("k1", "ada"));
        String version = database.describe().schemaVersion();

        database.close();
        reopen();

        assertThat(users.find("ada")).contains(user("ada", Set.of("admin")));
        assertThat(keys.find("k1")).isPresent();
        assertThat(database.describe().schemaVersion()).isEqualTo(version).isEqualTo("2");
        assertThat(database.isAvailable()).isTrue();
    }

    private void reopen() {
        database = MetadataDatabase.open(url(), user(), password(), 2);
        users = new HibernateUserStore(database);
        keys = new HibernateApiKeyStore(database);
        revoked = new HibernateRevokedTokenStore(database);
        connections = new HibernateConnectionStore(database);
    }

    private static StoredUser user(String name, Set<String> roles) {
        return new StoredUser(name, "hash-of-" + name, roles, T0, T0);
    }

    private static StoredConnection connection(String id, String name, Map<String, String> values) {
        return new StoredConnection(id, name, "postgres", values, Map.of("password", "mr1:k1:sealed"), T0, T0);
    }

    private static StoredApiKey key(String id, String owner) {
        return new StoredApiKey(id, "key " + id, owner, "hash-" + id, T0, Optional.empty(), Optional.empty());
    }
}
