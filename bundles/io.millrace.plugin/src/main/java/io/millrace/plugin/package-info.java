/**
 * The plugin platform: which bundles are installed and in what state, deploying and removing
 * bundles while the server runs, and the connectors the deployed bundles provide.
 */
@Version("0.1.0")
package io.millrace.plugin;

import org.osgi.annotation.versioning.Version;
