/**
 * The connector test kit: abstract JUnit suites that a source connector's tests run against a
 * {@link io.millrace.connector.testkit.SourceUnderTest} (the connector and a real database it
 * reaches), all of them at once by extending {@link
 * io.millrace.connector.testkit.SourceConnectorKit}. Every suite creates its own tables, named {@code
 * kit_...}, and change captures, so the suites can share one database and run in any order.
 *
 * <p>What the suites prove: catalog discovery ({@link io.millrace.connector.testkit.CatalogSuite}),
 * full loads in key ranges ({@link io.millrace.connector.testkit.FullLoadSuite}), the canonical
 * text of every type in snapshots and streams ({@link
 * io.millrace.connector.testkit.TypeRoundTripSuite}), change order and the snapshot handoff ({@link
 * io.millrace.connector.testkit.ChangeOrderingSuite}), resuming a stream without loss ({@link
 * io.millrace.connector.testkit.RestartSuite}) and changes to a table's columns ({@link
 * io.millrace.connector.testkit.SchemaEvolutionSuite}), and reading rows by a monotonic column for
 * incremental loads ({@link io.millrace.connector.testkit.IncrementalSuite}). The change suites are
 * skipped for connectors without change capture, the incremental suite for connectors that do not
 * read increments.
 */
@Version("0.3.0")
package io.millrace.connector.testkit;

import org.osgi.annotation.versioning.Version;
