package io.millrace.security;

/** How a request was authenticated. */
public enum AuthenticationMethod {
    /** A bearer token from {@code POST /api/v1/auth/login}. */
    TOKEN,
    /** An API key. */
    API_KEY
}
