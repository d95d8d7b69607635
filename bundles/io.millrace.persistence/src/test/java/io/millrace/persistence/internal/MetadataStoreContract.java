package io.millrace.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.ReferencedException;
import io.millrace.persistence.StoreException;
import io.millrace.persistence.StoredApiKey;
import io.millrace.persistence.StoredConnection;
import io.millrace.persistence.StoredProject;
import io.millrace.persistence.StoredTask;
import io.millrace.persistence.StoredUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
    private HibernateProjectStore projects;

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
    void projectsAreStoredListedChangedAndDeleted() {
        connections.create(connection("c1", "warehouse", Map.of()));
        connections.create(connection("c2", "lake", Map.of()));
        StoredProject orders = project("p1", "orders", "c1");
        projects.create(orders);
        projects.create(project("p2", "billing", "c1"));

        assertThat(projects.find("p1")).contains(orders);
        assertThat(projects.find("nope")).isEmpty();
        assertThat(projects.list()).extracting(StoredProject::name).containsExactly("billing", "orders");

        StoredProject changed = new StoredProject("p1", "orders v2", "batch", "c2", T0, T0.plusSeconds(9));
        assertThat(projects.update(changed)).isTrue();
        assertThat(projects.find("p1")).contains(changed);
        assertThat(projects.update(project("nope", "x", "c1"))).isFalse();
        assertThat(projects.list()).extracting(StoredProject::name).containsExactly("billing", "orders v2");

        assertThat(projects.delete("p1")).isTrue();
        assertThat(projects.delete("p1")).isFalse();
        assertThat(projects.list()).extracting(StoredProject::id).containsExactly("p2");
    }

    @Test
    void projectIdsAndNamesAreUnique() {
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        projects.create(project("p2", "billing", "c1"));

        assertThatThrownBy(() -> projects.create(project("p1", "other", "c1")))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("p1");
        assertThatThrownBy(() -> projects.create(project("p3", "orders", "c1")))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("orders");
        assertThatThrownBy(() -> projects.update(project("p2", "orders", "c1")))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("orders");
        assertThat(projects.find("p2").orElseThrow().name()).isEqualTo("billing");
        assertThat(projects.list()).extracting(StoredProject::id).containsExactly("p2", "p1");
    }

    @Test
    void projectsNeedAnExistingTargetConnection() {
        assertThatThrownBy(() -> projects.create(project("p1", "orders", "c9")))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("c9")
                .hasMessageContaining("orders");
        assertThat(projects.find("p1")).isEmpty();

        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        assertThatThrownBy(() -> projects.update(project("p1", "orders", "c9")))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("c9");
        assertThat(projects.find("p1").orElseThrow().targetConnectionId()).isEqualTo("c1");
    }

    @Test
    void tasksAreStoredListedChangedAndDeleted() {
        connections.create(connection("c1", "warehouse", Map.of()));
        connections.create(connection("c2", "orders db", Map.of()));
        connections.create(connection("c3", "orders replica", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        StoredTask copy = task("t1", "p1", "copy", Optional.of("c2"));
        projects.createTask(copy);
        projects.createTask(task("t2", "p1", "archive", Optional.empty()));

        assertThat(projects.findTask("t1")).contains(copy);
        assertThat(projects.findTask("t2").orElseThrow().sourceConnectionId()).isEmpty();
        assertThat(projects.findTask("nope")).isEmpty();
        assertThat(projects.tasks("p1")).extracting(StoredTask::name).containsExactly("archive", "copy");
        assertThat(projects.tasks("nope")).isEmpty();

        StoredTask changed = new StoredTask(
                "t1",
                "p1",
                "copy all",
                "replicate",
                Optional.of("c3"),
                "{\"tables\":[\"orders\"]}",
                "running",
                T0,
                T0.plusSeconds(7));
        assertThat(projects.updateTask(changed)).isTrue();
        assertThat(projects.findTask("t1")).contains(changed);
        StoredTask withoutSource = new StoredTask(
                "t1",
                "p2",
                "copy all",
                "other type",
                Optional.empty(),
                "{}",
                "stopped",
                T0.plusSeconds(100),
                T0.plusSeconds(8));
        assertThat(projects.updateTask(withoutSource)).isTrue();
        assertThat(projects.findTask("t1"))
                .contains(new StoredTask(
                        "t1", "p1", "copy all", "replicate", Optional.empty(), "{}", "stopped", T0, T0.plusSeconds(8)));
        assertThat(projects.updateTask(task("nope", "p1", "x", Optional.empty())))
                .isFalse();

        assertThat(projects.deleteTask("t1")).isTrue();
        assertThat(projects.deleteTask("t1")).isFalse();
        assertThat(projects.tasks("p1")).extracting(StoredTask::id).containsExactly("t2");
    }

    @Test
    void taskNamesAreUniqueWithinTheirProjectOnly() {
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        projects.create(project("p2", "billing", "c1"));
        projects.createTask(task("t1", "p1", "copy", Optional.empty()));
        projects.createTask(task("t2", "p2", "copy", Optional.empty()));
        projects.createTask(task("t3", "p1", "archive", Optional.empty()));

        assertThatThrownBy(() -> projects.createTask(task("t4", "p1", "copy", Optional.empty())))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("copy")
                .hasMessageContaining("orders");
        assertThatThrownBy(() -> projects.createTask(task("t1", "p2", "other", Optional.empty())))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("t1");
        assertThatThrownBy(() -> projects.updateTask(task("t3", "p1", "copy", Optional.empty())))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("copy");
        assertThat(projects.findTask("t3").orElseThrow().name()).isEqualTo("archive");
        assertThat(projects.tasks("p2")).extracting(StoredTask::id).containsExactly("t2");
    }

    @Test
    void tasksNeedAnExistingProjectAndSourceConnection() {
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));

        assertThatThrownBy(() -> projects.createTask(task("t1", "p9", "copy", Optional.empty())))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("p9");
        assertThatThrownBy(() -> projects.createTask(task("t1", "p1", "copy", Optional.of("c9"))))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("c9")
                .hasMessageContaining("copy");
        assertThat(projects.findTask("t1")).isEmpty();

        projects.createTask(task("t1", "p1", "copy", Optional.of("c1")));
        assertThatThrownBy(() -> projects.updateTask(task("t1", "p1", "copy", Optional.of("c9"))))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("c9");
        assertThat(projects.findTask("t1").orElseThrow().sourceConnectionId()).contains("c1");
    }

    @Test
    void tasksGoWithTheirProject() {
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        projects.create(project("p2", "billing", "c1"));
        projects.createTask(task("t1", "p1", "copy", Optional.of("c1")));
        projects.createTask(task("t2", "p1", "archive", Optional.empty()));
        projects.createTask(task("t3", "p2", "copy", Optional.empty()));

        assertThat(projects.delete("p1")).isTrue();

        assertThat(projects.findTask("t1")).isEmpty();
        assertThat(projects.tasks("p1")).isEmpty();
        assertThat(projects.allTasks()).extracting(StoredTask::id).containsExactly("t3");
    }

    @Test
    void desiredStatesAreSetWithTheirTime() {
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        projects.createTask(task("t1", "p1", "copy", Optional.empty()));

        assertThat(projects.setDesiredState("t1", "running", T0.plusSeconds(30)))
                .isTrue();
        assertThat(projects.setDesiredState("nope", "running", T0)).isFalse();

        StoredTask running = projects.findTask("t1").orElseThrow();
        assertThat(running.desiredState()).isEqualTo("running");
        assertThat(running.updatedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(running.createdAt()).isEqualTo(T0);
    }

    @Test
    void allTasksAreOrderedByProjectNameThenTaskName() {
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        projects.create(project("p2", "billing", "c1"));
        projects.createTask(task("t1", "p1", "copy", Optional.empty()));
        projects.createTask(task("t2", "p1", "archive", Optional.empty()));
        projects.createTask(task("t3", "p2", "export", Optional.empty()));
        projects.createTask(task("t4", "p2", "audit", Optional.empty()));

        assertThat(projects.allTasks()).extracting(StoredTask::id).containsExactly("t4", "t3", "t2", "t1");
    }

    @Test
    void longSettingsWithAnyCharactersRoundTrip() {
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        String text = "Grüße, Zoë! 東京 € 😀 \"quoted\" \\ ";
        String settings = IntStream.range(0, 50_000)
                .map(i -> text.codePointAt(text.offsetByCodePoints(0, i % text.codePointCount(0, text.length()))))
                .mapToObj(Character::toString)
                .collect(Collectors.joining());
        StoredTask task =
                new StoredTask("t1", "p1", "copy", "replicate", Optional.empty(), settings, "stopped", T0, T0);

        projects.createTask(task);

        assertThat(settings.codePointCount(0, settings.length())).isEqualTo(50_000);
        assertThat(projects.findTask("t1").orElseThrow().settings()).isEqualTo(settings);
    }

    @Test
    void connectionsInUseCannotBeDeleted() {
        StoredConnection warehouse = connection("c1", "warehouse", Map.of("url", "jdbc:h2:mem:w"));
        StoredConnection source = connection("c2", "orders db", Map.of("host", "db1"));
        connections.create(warehouse);
        connections.create(source);
        projects.create(project("p1", "orders", "c1"));
        projects.createTask(task("t1", "p1", "copy", Optional.of("c2")));

        assertThatThrownBy(() -> connections.delete("c1"))
                .isInstanceOf(ReferencedException.class)
                .hasMessage("The connection 'warehouse' is used by the project 'orders'");
        assertThatThrownBy(() -> connections.delete("c2"))
                .isInstanceOf(ReferencedException.class)
                .hasMessage("The connection 'orders db' is used by the task 'copy' of the project 'orders'");
        assertThat(connections.find("c1")).contains(warehouse);
        assertThat(connections.find("c2")).contains(source);

        assertThat(projects.delete("p1")).isTrue();
        assertThat(connections.delete("c2")).isTrue();
        assertThat(connections.delete("c1")).isTrue();
    }

    @Test
    void everythingSurvivesReopeningAndTheSchemaIsMigratedOnce() {
        users.create(user("ada", Set.of("admin")));
        keys.create(key("k1", "ada"));
        connections.create(connection("c1", "warehouse", Map.of()));
        projects.create(project("p1", "orders", "c1"));
        projects.createTask(task("t1", "p1", "copy", Optional.empty()));
        String version = database.describe().schemaVersion();

        database.close();
        reopen();

        assertThat(users.find("ada")).contains(user("ada", Set.of("admin")));
        assertThat(keys.find("k1")).isPresent();
        assertThat(projects.find("p1")).contains(project("p1", "orders", "c1"));
        assertThat(projects.findTask("t1")).contains(task("t1", "p1", "copy", Optional.empty()));
        assertThat(database.describe().schemaVersion()).isEqualTo(version).isEqualTo("3");
        assertThat(database.isAvailable()).isTrue();
    }

    private void reopen() {
        database = MetadataDatabase.open(url(), user(), password(), 2);
        users = new HibernateUserStore(database);
        keys = new HibernateApiKeyStore(database);
        revoked = new HibernateRevokedTokenStore(database);
        connections = new HibernateConnectionStore(database);
        projects = new HibernateProjectStore(database);
    }

    private static StoredUser user(String name, Set<String> roles) {
        return new StoredUser(name, "hash-of-" + name, roles, T0, T0);
    }

    private static StoredConnection connection(String id, String name, Map<String, String> values) {
        return new StoredConnection(id, name, "postgres", values, Map.of("password", "mr1:k1:sealed"), T0, T0);
    }

    private static StoredProject project(String id, String name, String targetConnectionId) {
        return new StoredProject(id, name, "replication", targetConnectionId, T0, T0);
    }

    private static StoredTask task(String id, String projectId, String name, Optional<String> sourceConnectionId) {
        return new StoredTask(
                id, projectId, name, "replicate", sourceConnectionId, "{\"tables\":[]}", "stopped", T0, T0);
    }

    private static StoredApiKey key(String id, String owner) {
        return new StoredApiKey(id, "key " + id, owner, "hash-" + id, T0, Optional.empty(), Optional.empty());
    }
}
