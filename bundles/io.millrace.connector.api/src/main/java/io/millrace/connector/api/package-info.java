/**
 * The connector SPI: what a bundle implements to add a source, target, SaaS or automation connector
 * to Millrace. A connector bundle registers one {@link io.millrace.connector.api.ConnectorProvider}
 * service per connector type; the server discovers it when the bundle starts and forgets it when the
 * bundle stops, so connectors are deployed, upgraded and removed while the server runs.
 *
 * <p>Data moves as rows of text values, one canonical form per {@link
 * io.millrace.connector.api.PortableType.Kind}: a source reads tables through a {@link
 * io.millrace.connector.api.SnapshotReader} in {@link io.millrace.connector.api.KeyRange}s and
 * streams their changes through a {@link io.millrace.connector.api.ChangeCapture}, or, without one,
 * reads the rows changed since a value of a monotonic column seen before; a {@link
 * io.millrace.connector.api.TargetDialect} creates tables and writes rows in the target.
 *
 * <p>The version of a connector is the version of the bundle that provides it.
 */
@Version("0.6.0")
package io.millrace.connector.api;

import org.osgi.annotation.versioning.Version;
