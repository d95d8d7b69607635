package io.millrace.connections.internal;

import io.millrace.connections.ConnectionInfo;
import io.millrace.connections.ConnectionRejectedException;
import io.millrace.connections.ConnectionRejectedException.Reason;
import io.millrace.connections.ConnectionRequest;
import io.millrace.connections.Connections;
import io.millrace.connections.ResolvedConnection;
import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectionUse;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.SettingDefinition;
import io.millrace.connector.api.TableDescription;
import io.millrace.crypto.SecretCipher;
import io.millrace.persistence.ConnectionStore;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.ReferencedException;
import io.millrace.persistence.StoredConnection;
import io.millrace.plugin.ConnectorRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections kept in the metadata store. Every secret is sealed with the tenant key, bound to its
 * connection and setting, before it reaches the store, and opened only to test or use it.
 */
@Component(service = Connections.class)
public final class LocalConnections implements Connections {
    private static final Logger LOG = LoggerFactory.getLogger(LocalConnections.class);
    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_VALUE_LENGTH = 4000;

    private final ConnectionStore store;
    private final SecretCipher cipher;
    private final ConnectorRegistry connectors;
    private final Clock clock;

    @Activate
    public LocalConnections(
            @Reference ConnectionStore store, @Reference SecretCipher cipher, @Reference ConnectorRegistry connectors) {
        this(store, cipher, connectors, Clock.systemUTC());
    }

    LocalConnections(ConnectionStore store, SecretCipher cipher, ConnectorRegistry connectors, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.connectors = connectors;
        this.clock = clock;
    }

    @Override
    public ConnectionInfo create(ConnectionRequest request) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        StoredConnection connection = stored(id, request, Map.of(), now, now);
        try {
            store.create(connection);
        } catch (DuplicateKeyException e) {
            throw new ConnectionRejectedException(Reason.CONFLICT, e.getMessage());
        }
        LOG.info("Created connection '{}' ({}, {})", connection.name(), connection.connector(), id);
        return info(connection);
    }

    @Override
    public List<ConnectionInfo> list() {
        return store.list().stream().map(LocalConnections::info).toList();
    }

    @Override
    public Optional<ConnectionInfo> find(String id) {
        return store.find(id).map(LocalConnections::info);
    }

    @Override
    public ConnectionInfo update(String id, ConnectionRequest request) {
        StoredConnection existing = require(id);
        StoredConnection changed =
                stored(id, request, existing.encryptedSecrets(), existing.createdAt(), clock.instant());
        try {
            if (!store.update(changed)) {
                throw notFound(id);
            }
        } catch (DuplicateKeyException e) {
            throw new ConnectionRejectedException(Reason.CONFLICT, e.getMessage());
        }
        LOG.info("Changed connection '{}' ({})", changed.name(), id);
        return info(changed);
    }

    @Override
    public void delete(String id) {
        boolean deleted;
        try {
            deleted = store.delete(id);
        } catch (ReferencedException e) {
            throw new ConnectionRejectedException(
                    Reason.CONFLICT, e.getMessage() + "; delete or change what uses it first");
        }
        if (!deleted) {
            throw notFound(id);
        }
        LOG.info("Deleted connection {}", id);
    }

    @Override
    public ConnectionCheck test(String id) {
        StoredConnection connection = require(id);
        return connector(connection.connector()).testConnection(settings(connection));
    }

    @Override
    public List<TableDescription> catalog(String id) {
        ResolvedConnection connection = resolve(id);
        Catalog catalog = connection
                .connector()
                .catalog()
                .orElseThrow(() -> new ConnectionRejectedException(
                        Reason.INVALID, "The " + connection.info().connector() + " connector has no tables to list"));
        // Tables are listed to be read: what reading needs, such as MariaDB's databases, must be set.
        connection.requireSettingsFor(ConnectionUse.SOURCE);
        return catalog.tables(connection.settings());
    }

    @Override
    public ResolvedConnection resolve(String id) {
        StoredConnection connection = require(id);
        return new ResolvedConnection(info(connection), connector(connection.connector()), settings(connection));
    }

    /** The saved settings with the secrets opened, for the connector to use. */
    private ConnectionSettings settings(StoredConnection connection) {
        Map<String, String> secrets = new HashMap<>();
        connection
                .encryptedSecrets()
                .forEach((name, ciphertext) ->
                        secrets.put(name, cipher.decrypt(ciphertext, context(connection.id(), name))));
        return new ConnectionSettings(connection.values(), secrets);
    }

    /**
     * The connection to store: the request checked against the connector's settings, its secrets
     * sealed, and the secrets it does not name taken from {@code keptSecrets}.
     */
    private StoredConnection stored(
            String id, ConnectionRequest request, Map<String, String> keptSecrets, Instant created, Instant now) {
        String name = validName(request.name());
        if (request.connector() == null || request.connector().isBlank()) {
            throw new ConnectionRejectedException(Reason.INVALID, "Name the connector, such as \"postgres\"");
        }
        Map<String, SettingDefinition> definitions = connector(request.connector()).settings().stream()
                .collect(Collectors.toMap(SettingDefinition::name, Function.identity()));
        check(request.properties(), definitions, false, request.connector());
        check(request.secrets(), definitions, true, request.connector());
        Map<String, String> sealedSecrets = new HashMap<>(keptSecrets);
        sealedSecrets.keySet().retainAll(definitions.keySet());
        request.secrets()
                .forEach((secret, value) -> sealedSecrets.put(secret, cipher.encrypt(value, context(id, secret))));
        for (SettingDefinition definition : definitions.values()) {
            boolean set = definition.secret()
                    ? sealedSecrets.containsKey(definition.name())
                    : request.properties().containsKey(definition.name());
            if (definition.requiredFor(ConnectionUse.ANY) && !set) {
                throw new ConnectionRejectedException(
                        Reason.INVALID,
                        "The setting '" + definition.name() + "' (" + definition.label() + ") is required by the "
                                + request.connector() + " connector");
            }
        }
        return new StoredConnection(id, name, request.connector(), request.properties(), sealedSecrets, created, now);
    }

    private static void check(
            Map<String, String> given, Map<String, SettingDefinition> definitions, boolean secrets, String connector) {
        for (Map.Entry<String, String> setting : given.entrySet()) {
            SettingDefinition definition = definitions.get(setting.getKey());
            if (definition == null) {
                throw new ConnectionRejectedException(
                        Reason.INVALID,
                        "The " + connector + " connector has no setting '" + setting.getKey() + "'; its settings are "
                                + definitions.keySet().stream().sorted().toList());
            }
            if (definition.secret() != secrets) {
                throw new ConnectionRejectedException(
                        Reason.INVALID,
                        "The setting '" + setting.getKey() + "' belongs in "
                                + (definition.secret() ? "secrets" : "properties"));
            }
            if (setting.getValue() == null || setting.getValue().length() > MAX_VALUE_LENGTH) {
                throw new ConnectionRejectedException(
                        Reason.INVALID,
                        "The setting '" + setting.getKey() + "' needs a value of at most " + MAX_VALUE_LENGTH
                                + " characters");
            }
        }
    }

    private static String validName(String name) {
        if (name == null
                || name.isBlank()
                || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new ConnectionRejectedException(
                    Reason.INVALID,
                    "A connection's name is 1 to " + MAX_NAME_LENGTH + " characters, without control" + " characters");
        }
        return name.strip();
    }

    private ConnectorProvider connector(String id) {
        return connectors
                .find(id, Optional.empty())
                .orElseThrow(() -> new ConnectionRejectedException(
                        Reason.CONNECTOR_MISSING,
                        "No connector '" + id + "' is deployed; GET /api/v1/connectors lists the deployed ones"));
    }

    private StoredConnection require(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static ConnectionRejectedException notFound(String id) {
        return new ConnectionRejectedException(Reason.NOT_FOUND, "No connection has the id '" + id + "'");
    }

    /** Binds a sealed secret to its connection and setting, so it cannot be moved to another. */
    private static String context(String id, String setting) {
        return "connection/" + id + "/" + setting;
    }

    private static ConnectionInfo info(StoredConnection connection) {
        return new ConnectionInfo(
                connection.id(),
                connection.name(),
                connection.connector(),
                connection.values(),
                connection.encryptedSecrets().keySet(),
                connection.createdAt(),
                connection.updatedAt());
    }
}
