package io.millrace.persistence.internal;

import io.millrace.persistence.StoredConnection;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A row of {@code connections} with its plain and encrypted settings. */
@Entity
@Table(name = "connections")
class ConnectionRecord {
    @Id
    @Column(name = "id")
    String id;

    @Column(name = "name", nullable = false)
    String name;

    @Column(name = "connector", nullable = false)
    String connector;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "connection_values", joinColumns = @JoinColumn(name = "connection_id"))
    @MapKeyColumn(name = "setting_name")
    @Column(name = "setting_value", nullable = false)
    Map<String, String> values = new HashMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "connection_secrets", joinColumns = @JoinColumn(name = "connection_id"))
    @MapKeyColumn(name = "setting_name")
    @Column(name = "ciphertext", nullable = false)
    Map<String, String> secrets = new HashMap<>();

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected ConnectionRecord() {}

    ConnectionRecord(StoredConnection connection) {
        id = connection.id();
        createdAt = connection.createdAt();
        copyFrom(connection);
    }

    /** Takes the name, connector, settings and update time; the id and creation time stay. */
    void copyFrom(StoredConnection connection) {
        name = connection.name();
        connector = connection.connector();
        values.clear();
        values.putAll(connection.values());
        secrets.clear();
        secrets.putAll(connection.encryptedSecrets());
        updatedAt = connection.updatedAt();
    }

    StoredConnection toStoredConnection() {
        return new StoredConnection(id, name, connector, values, secrets, createdAt, updatedAt);
    }
}
