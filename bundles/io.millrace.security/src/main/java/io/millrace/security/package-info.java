/**
 * Who is calling and what they may do: local users, sign-in with bearer tokens, API keys for
 * scripts, and the {@link io.millrace.security.AccessPolicy} every request passes through.
 */
@Version("0.2.0")
package io.millrace.security;

import org.osgi.annotation.versioning.Version;
