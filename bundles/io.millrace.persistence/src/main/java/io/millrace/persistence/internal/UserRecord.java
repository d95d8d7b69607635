package io.millrace.persistence.internal;

import io.millrace.persistence.StoredUser;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A row of {@code users} with its roles. */
@Entity
@Table(name = "users")
class UserRecord {
    @Id
    @Column(name = "username")
    String username;

    @Column(name = "password_hash", nullable = false)
    String passwordHash;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role", nullable = false)
    Set<String> roles = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "credentials_changed_at", nullable = false)
    Instant credentialsChangedAt;

    protected UserRecord() {}

    UserRecord(StoredUser user) {
        username = user.username();
        passwordHash = user.passwordHash();
        roles = new HashSet<>(user.roles());
        createdAt = user.createdAt();
        credentialsChangedAt = user.credentialsChangedAt();
    }

    StoredUser toStoredUser() {
        return new StoredUser(username, passwordHash, roles, createdAt, credentialsChangedAt);
    }
}
