package io.millrace.security.internal;

import io.millrace.security.InvalidCredentialsException;
import io.millrace.security.Roles;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What usernames, passwords, roles and key names must look like. */
final class CredentialRules {
    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 1024;
    static final int MAX_KEY_NAME_LENGTH = 100;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private CredentialRules() {}

    /** Usernames are case-insensitive: they are stored and compared in lower case. */
    static String normalizeUsername(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    static String requireValidUsername(String username) {
        String normalized = normalizeUsername(username);
        if (!USERNAME.matcher(normalized).matches()) {
            throw new InvalidCredentialsException("A username is 1 to 64 characters: letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        return normalized;
    }

    static void requireValidPassword(String username, char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new InvalidCredentialsException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new InvalidCredentialsException("A password has at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (new String(password).trim().equalsIgnoreCase(username)) {
            throw new InvalidCredentialsException("The password must not be the username");
        }
    }

    static Set<String> requireKnownRoles(Set<String> roles) {
        if (roles == null || roles.isEmpty()) {
            return Set.of(Roles.USER);
        }
        Set<String> unknown = new TreeSet<>(roles);
        unknown.removeAll(Roles.ALL);
        if (!unknown.isEmpty()) {
            throw new InvalidCredentialsException(
                    "Unknown role(s) " + unknown + "; the roles are " + new TreeSet<>(Roles.ALL));
        }
        return Set.copyOf(roles);
    }

    static String requireValidKeyName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()
                || trimmed.length() > MAX_KEY_NAME_LENGTH
                || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidCredentialsException(
                    "An API key name is 1 to " + MAX_KEY_NAME_LENGTH + " characters without control characters");
        }
        return trimmed;
    }
}
