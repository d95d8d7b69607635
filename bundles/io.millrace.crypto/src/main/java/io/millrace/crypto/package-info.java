/**
 * Cryptography for the rest of the server: encryption of secrets at rest with the tenant key,
 * password hashing, and signed tokens. Keys are generated at first start under the data folder
 * with owner-only permissions and never leave this bundle.
 */
@Version("0.1.0")
package io.millrace.crypto;

import org.osgi.annotation.versioning.Version;
