/**
 * Projects and their data tasks. A project lands data in one target; its tasks say what they move:
 * a landing task copies a selection of a source's tables, in full and then change by change (from the
 * source's log, or on a schedule by a monotonic column).
 */
@Version("0.3.0")
package io.millrace.project;

import org.osgi.annotation.versioning.Version;
