package io.millrace.connections.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connections.ConnectionInfo;
import io.millrace.connections.ConnectionRejectedException;
import io.millrace.connections.ConnectionRejectedException.Reason;
import io.millrace.connections.ConnectionRequest;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.h2.internal.H2ConnectorProvider;
import io.millrace.crypto.SecretCipher;
import io.millrace.crypto.SecretDecryptionException;
import io.millrace.persistence.ConnectionStore;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.StoredConnection;
import io.millrace.plugin.ConnectorInfo;
import io.millrace.plugin.ConnectorRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LocalConnectionsTest {
    private final InMemoryConnectionStore store = new InMemoryConnectionStore();
    private final LocalConnections connections =
            new LocalConnections(store, new ContextBoundCipher(), new OnlyH2(), Clock.systemUTC());

    @Test
    void secretsAreSealedBeforeTheStoreAndNeverShown() {
        ConnectionInfo created = connections.create(h2("warehouse", "jdbc:h2:mem:warehouse", "s3cret-pw"));

        StoredConnection stored = store.connections.get(created.id());
        assertThat(stored.encryptedSecrets().get("password")).doesNotContain("s3cret-pw");
        assertThat(created.secrets()).containsExactly("password");
        assertThat(created.toString()).doesNotContain("s3cret-pw");
        assertThat(connections.find(created.id()).orElseThrow().properties())
                .containsEntry("url", "jdbc:h2:mem:warehouse")
                .doesNotContainKey("password");
    }

    @Test
    void theSavedSettingsAreTestedWithTheConnector() {
        ConnectionInfo created = connections.create(h2("scratch", "jdbc:h2:mem:scratch", ""));

        assertThat(connections.test(created.id()).successful()).isTrue();
    }

    @Test
    void theCatalogIsReadWithTheSavedSettings() throws Exception {
        String url = "jdbc:h2:mem:catalog-test;DB_CLOSE_DELAY=-1";
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "pw")) {
            connection.createStatement().execute("CREATE TABLE orders(id INT PRIMARY KEY)");
        }
        ConnectionInfo created = connections.create(h2("catalog", url, "pw"));

        assertThat(connections.catalog(created.id()))
                .extracting(table -> table.schema() + "." + table.name())
                .containsExactly("PUBLIC.ORDERS");
    }

    @Test
    void settingsAreCheckedAgainstTheConnector() {
        assertRejected(
                new ConnectionRequest("a", "h2", Map.of("url", "jdbc:h2:mem:a", "hostname", "x"), Map.of()),
                Reason.INVALID,
                "no setting 'hostname'");
        assertRejected(
                new ConnectionRequest("a", "h2", Map.of("url", "jdbc:h2:mem:a", "password", "x"), Map.of()),
                Reason.INVALID,
                "belongs in secrets");
        assertRejected(new ConnectionRequest("a", "h2", Map.of("user", "sa"), Map.of()), Reason.INVALID, "'url'");
        assertRejected(new ConnectionRequest("a", "oracle", Map.of(), Map.of()), Reason.CONNECTOR_MISSING, "'oracle'");
        assertRejected(
                new ConnectionRequest(" ", "h2", Map.of("url", "jdbc:h2:mem:a"), Map.of()), Reason.INVALID, "name");
        assertThat(store.connections).isEmpty();
    }

    @Test
    void namesAreUnique() {
        connections.create(h2("warehouse", "jdbc:h2:mem:one", ""));

        assertRejected(h2("warehouse", "jdbc:h2:mem:two", ""), Reason.CONFLICT, "warehouse");
    }

    @Test
    void anUpdateKeepsTheSecretsItDoesNotName() {
        ConnectionInfo created = connections.create(h2("warehouse", "jdbc:h2:mem:one", "first"));
        String sealedBefore =
                store.connections.get(created.id()).encryptedSecrets().get("password");

        ConnectionInfo renamed = connections.update(
                created.id(), new ConnectionRequest("dwh", "h2", Map.of("url", "jdbc:h2:mem:two"), Map.of()));

        assertThat(renamed.name()).isEqualTo("dwh");
        assertThat(renamed.secrets()).containsExactly("password");
        assertThat(store.connections.get(created.id()).encryptedSecrets()).containsEntry("password", sealedBefore);

        connections.update(created.id(), h2("dwh", "jdbc:h2:mem:two", "second"));
        assertThat(store.connections.get(created.id()).encryptedSecrets().get("password"))
                .isNotEqualTo(sealedBefore);
    }

    @Test
    void unknownConnectionsAreNotFound() {
        assertThatThrownBy(() -> connections.delete("nope"))
                .isInstanceOfSatisfying(
                        ConnectionRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> connections.test("nope")).isInstanceOf(ConnectionRejectedException.class);
    }

    private void assertRejected(ConnectionRequest request, Reason reason, String message) {
        assertThatThrownBy(() -> connections.create(request))
                .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static ConnectionRequest h2(String name, String url, String password) {
        return new ConnectionRequest(name, "h2", Map.of("url", url, "user", "sa"), Map.of("password", password));
    }

    /** Reversible, and refuses a ciphertext opened under another context, like the real cipher. */
    private static final class ContextBoundCipher implements SecretCipher {
        @Override
        public String currentKeyId() {
            return "test";
        }

        @Override
        public String rotateKey() {
            throw new UnsupportedOperationException("one key is enough here");
        }

        @Override
        public String encrypt(String plaintext, String context) {
            return "sealed:" + context + ":"
                    + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String decrypt(String ciphertext, String context) {
            String prefix = "sealed:" + context + ":";
            if (!ciphertext.startsWith(prefix)) {
                throw new SecretDecryptionException("sealed for another context");
            }
            return new String(
                    Base64.getDecoder().decode(ciphertext.substring(prefix.length())), StandardCharsets.UTF_8);
        }
    }

    private static final class OnlyH2 implements ConnectorRegistry {
        private final H2ConnectorProvider h2 = new H2ConnectorProvider();

        @Override
        public List<ConnectorInfo> list() {
            return List.of();
        }

        @Override
        public Optional<ConnectorProvider> find(String id, Optional<String> version) {
            return id.equals("h2") ? Optional.of(h2) : Optional.empty();
        }
    }

    private static final class InMemoryConnectionStore implements ConnectionStore {
        final Map<String, StoredConnection> connections = new TreeMap<>();

        @Override
        public void create(StoredConnection connection) {
            requireNameFree(connection);
            connections.put(connection.id(), connection);
        }

        @Override
        public Optional<StoredConnection> find(String id) {
            return Optional.ofNullable(connections.get(id));
        }

        @Override
        public List<StoredConnection> list() {
            return List.copyOf(connections.values());
        }

        @Override
        public boolean update(StoredConnection connection) {
            requireNameFree(connection);
            return connections.replace(connection.id(), connection) != null;
        }

        @Override
        public boolean delete(String id) {
            return connections.remove(id) != null;
        }

        private void requireNameFree(StoredConnection connection) {
            if (connections.values().stream()
                    .anyMatch(other -> other.name().equals(connection.name())
                            && !other.id().equals(connection.id()))) {
                throw new DuplicateKeyException("A connection named '" + connection.name() + "' exists already");
            }
        }
    }
}
