/**
 * Connections: a connector type and the settings that reach one system, such as a PostgreSQL
 * database. Secret settings are sealed at rest and never returned once saved.
 */
@Version("0.4.0")
package io.millrace.connections;

import org.osgi.annotation.versioning.Version;
