/**
 * Runs data tasks. A landing task copies a selection of source tables into the target's landing
 * schema, {@code <project>_landing}: each table {@code T} in full, then, in change data capture
 * mode, every later change into {@code T__ct}, written in one target transaction together with the
 * source position in {@code __millrace_state}, so that an interruption at any instant neither loses
 * nor repeats a change; in incremental mode, on a schedule, the rows whose monotonic column grew,
 * written together with the column's high-water mark.
 */
@Version("0.4.0")
package io.millrace.engine;

import org.osgi.annotation.versioning.Version;
