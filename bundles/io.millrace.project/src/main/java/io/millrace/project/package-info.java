/**
 * Projects and their data tasks. A project lands data in one target; its tasks say what they move:
 * a landing task copies a selection of a source's tables, in full and then change by change.
 */
@Version("0.2.0")
package io.millrace.project;

import org.osgi.annotation.versioning.Version;
