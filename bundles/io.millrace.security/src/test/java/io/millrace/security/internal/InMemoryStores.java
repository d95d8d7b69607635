package io.millrace.security.internal;

import io.millrace.persistence.ApiKeyStore;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.RevokedTokenStore;
import io.millrace.persistence.StoreException;
import io.millrace.persistence.StoredApiKey;
import io.millrace.persistence.StoredUser;
import io.millrace.persistence.UserStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store contracts held in maps, for testing the security rules in isolation; the real stores
 * are tested against H2 and PostgreSQL in the persistence bundle and end to end in integration-tests.
 */
final class InMemoryStores {
    private final Map<String, StoredUser> userMap = new TreeMap<>();
    private final Map<String, StoredApiKey> keyMap = new TreeMap<>();
    private final Map<String, Instant> revokedMap = new TreeMap<>();

    final UserStore users = new UserStore() {
        @Override
        public Optional<StoredUser> find(String username) {
            synchronized (InMemoryStores.this) {
                return Optional.ofNullable(userMap.get(username));
            }
        }

        @Override
        public List<StoredUser> list() {
            synchronized (InMemoryStores.this) {
                return List.copyOf(userMap.values());
            }
        }

        @Override
        public long count() {
            synchronized (InMemoryStores.this) {
                return userMap.size();
            }
        }

        @Override
        public void create(StoredUser user) {
            synchronized (InMemoryStores.this) {
                if (userMap.putIfAbsent(user.username(), user) != null) {
                    throw new DuplicateKeyException("duplicate user " + user.username());
                }
            }
        }

        @Override
        public boolean updatePassword(String username, String passwordHash, Instant changedAt) {
            synchronized (InMemoryStores.this) {
                StoredUser user = userMap.get(username);
                if (user == null) {
                    return false;
                }
                userMap.put(
                        username, new StoredUser(username, passwordHash, user.roles(), user.createdAt(), changedAt));
                return true;
            }
        }

        @Override
        public boolean delete(String username) {
            synchronized (InMemoryStores.this) {
                keyMap.values().removeIf(key -> key.owner().equals(username));
                return userMap.remove(username) != null;
            }
        }
    };

    final ApiKeyStore apiKeys = new ApiKeyStore() {
        @Override
        public void create(StoredApiKey key) {
            synchronized (InMemoryStores.this) {
                if (!userMap.containsKey(key.owner())) {
                    throw new StoreException("no owner " + key.owner());
                }
                if (keyMap.putIfAbsent(key.id(), key) != null) {
                    throw new DuplicateKeyException("duplicate key " + key.id());
                }
            }
        }

        @Override
        public Optional<StoredApiKey> find(String id) {
            synchronized (InMemoryStores.this) {
                return Optional.ofNullable(keyMap.get(id));
            }
        }

        @Override
        public List<StoredApiKey> listByOwner(String owner) {
            synchronized (InMemoryStores.this) {
                return keyMap.values().stream()
                        .filter(key -> key.owner().equals(owner))
                        .sorted(Comparator.comparing(StoredApiKey::createdAt).reversed())
                        .toList();
            }
        }

        @Override
        public void markUsed(String id, Instant at) {
            synchronized (InMemoryStores.this) {
                keyMap.computeIfPresent(
                        id,
                        (unused, key) -> new StoredApiKey(
                                key.id(),
                                key.name(),
                                key.owner(),
                                key.secretHash(),
                                key.createdAt(),
                                key.expiresAt(),
                                Optional.of(at)));
            }
        }

        @Override
        public boolean delete(String id) {
            synchronized (InMemoryStores.this) {
                return keyMap.remove(id) != null;
            }
        }
    };

    final RevokedTokenStore revokedTokens = new RevokedTokenStore() {
        @Override
        public void revoke(String tokenId, Instant expiresAt) {
            synchronized (InMemoryStores.this) {
                revokedMap.put(tokenId, expiresAt);
            }
        }

        @Override
        public boolean isRevoked(String tokenId) {
            synchronized (InMemoryStores.this) {
                return revokedMap.containsKey(tokenId);
            }
        }

        @Override
        public int purgeExpired(Instant now) {
            synchronized (InMemoryStores.this) {
                int before = revokedMap.size();
                revokedMap.values().removeIf(expiry -> expiry.isBefore(now));
                return before - revokedMap.size();
            }
        }
    };
}
