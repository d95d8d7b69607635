package io.millrace.security;

import java.util.Set;

/** The system roles known today. Spaces and their roles come later. */
public final class Roles {
    /** May do everything, including managing users and bundles. */
    public static final String ADMIN = "admin";
    /** May use the server: sign in, manage their own API keys, read what is deployed. */
    public static final String USER = "user";

    public static final Set<String> ALL = Set.of(ADMIN, USER);

    private Roles() {}
}
