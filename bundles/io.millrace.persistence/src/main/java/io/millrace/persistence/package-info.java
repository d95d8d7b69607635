/**
 * The metadata store: what the server knows about users, API keys, connections, projects and
 * tasks. Each kind of record has a store service here; how they are kept (Hibernate over H2 or
 * PostgreSQL, with versioned schema migrations) is private to this bundle.
 */
@Version("0.3.0")
package io.millrace.persistence;

import org.osgi.annotation.versioning.Version;
