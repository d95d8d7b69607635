package io.millrace.security;

/**
 * A newly created API key.
 *
 * @param info the key's description
 * @param key the full key to send as a bearer credential; it cannot be shown again
 */
public record CreatedApiKey(ApiKeyInfo info, String key) {
    @Override
    public String toString() {
        return "CreatedApiKey[" + info + "]";
    }
}
