package io.millrace.security.internal;

import io.millrace.crypto.PasswordHasher;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.StoredUser;
import io.millrace.persistence.UserStore;
import io.millrace.security.AuthenticationException;
import io.millrace.security.ConflictException;
import io.millrace.security.NotFoundException;
import io.millrace.security.Roles;
import io.millrace.security.UserAccount;
import io.millrace.security.UserDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local accounts in the metadata store. The directory always holds an administrator: at first
 * start it creates {@code admin} with a random password written to {@code
 * data/initial-admin-password} (owner-only), which is deleted once that password is changed.
 */
// Immediate: the first administrator must exist as soon as the server has started.
@Component(service = UserDirectory.class, immediate = true)
public final class LocalUserDirectory implements UserDirectory {
    static final String INITIAL_ADMIN = "admin";
    static final String INITIAL_PASSWORD_FILE = "initial-admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(LocalUserDirectory.class);
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Path initialPasswordFile;
    private final Clock clock;

    @Activate
    public LocalUserDirectory(@Reference UserStore users, @Reference PasswordHasher hasher, BundleContext context) {
        this(users, hasher, Path.of(context.getProperty("millrace.data"), INITIAL_PASSWORD_FILE), Clock.systemUTC());
    }

    LocalUserDirectory(UserStore users, PasswordHasher hasher, Path initialPasswordFile, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.initialPasswordFile = initialPasswordFile;
        this.clock = clock;
        ensureAdministrator();
    }

    @Override
    public List<UserAccount> list() {
        return users.list().stream().map(LocalUserDirectory::account).toList();
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return users.find(CredentialRules.normalizeUsername(username)).map(LocalUserDirectory::account);
    }

    @Override
    public UserAccount create(String username, char[] password, Set<String> roles) {
        String name = CredentialRules.requireValidUsername(username);
        CredentialRules.requireValidPassword(name, password);
        Set<String> granted = CredentialRules.requireKnownRoles(roles);
        Instant now = now();
        StoredUser user = new StoredUser(name, hasher.hash(password), granted, now, now);
        try {
            users.create(user);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The username '" + name + "' is taken");
        }
        LOG.info("Created user '{}' with roles {}", name, granted);
        return account(user);
    }

    @Override
    public void changePassword(String username, char[] currentPassword, char[] newPassword) {
        String name = CredentialRules.normalizeUsername(username);
        StoredUser user = users.find(name).orElseThrow(() -> new NotFoundException("No user '" + name + "'"));
        if (!hasher.verify(currentPassword, user.passwordHash())) {
            throw new AuthenticationException("The current password is wrong");
        }
        CredentialRules.requireValidPassword(name, newPassword);
        users.updatePassword(name, hasher.hash(newPassword), now());
        if (name.equals(INITIAL_ADMIN)) {
            deleteInitialPasswordFile();
        }
        LOG.info("User '{}' changed their password; their earlier sign-in tokens no longer work", name);
    }

    @Override
    public void delete(String username) {
        String name = CredentialRules.normalizeUsername(username);
        StoredUser user = users.find(name).orElseThrow(() -> new NotFoundException("No user '" + name + "'"));
        if (user.roles().contains(Roles.ADMIN)
                && users.list().stream()
                                .filter(other -> other.roles().contains(Roles.ADMIN))
                                .count()
                        == 1) {
            throw new ConflictException(
                    "'" + name + "' is the last administrator; create another administrator before deleting it");
        }
        users.delete(name);
        LOG.info("Deleted user '{}' and their API keys", name);
    }

    /** Token validity is checked in whole seconds (JWT times), so credential changes are stored that way too. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private void ensureAdministrator() {
        if (users.count() > 0) {
            return;
        }
        char[] password = randomPassword();
        try {
            writeInitialPassword(password);
            Instant now = now();
            users.create(new StoredUser(INITIAL_ADMIN, hasher.hash(password), Set.of(Roles.ADMIN), now, now));
            LOG.info(
                    "First start: created the administrator '{}'; its password is in {}",
                    INITIAL_ADMIN,
                    initialPasswordFile);
        } catch (DuplicateKeyException e) {
            LOG.debug("The administrator was created concurrently");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void writeInitialPassword(char[] password) {
        try {
            Files.createDirectories(initialPasswordFile.getParent());
            Path temporary = Files.createTempFile(initialPasswordFile.getParent(), INITIAL_PASSWORD_FILE, ".tmp");
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            byte[] content = (new String(password) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            Files.write(temporary, content);
            Files.move(
                    temporary,
                    initialPasswordFile,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the initial administrator password to " + initialPasswordFile, e);
        }
    }

    private void deleteInitialPasswordFile() {
        try {
            Files.deleteIfExists(initialPasswordFile);
        } catch (IOException e) {
            LOG.warn("Cannot delete {} after the password change: {}", initialPasswordFile, e.getMessage());
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        }
        return password;
    }

    private static UserAccount account(StoredUser user) {
        return new UserAccount(user.username(), user.roles(), user.createdAt());
    }
}
