package io.millrace.persistence;

import org.osgi.annotation.versioning.ProviderType;

/** The database behind the stores, as far as health checks and diagnostics need to know it. */
@ProviderType
public interface MetadataStore {

    /** Which database holds the metadata and at which schema version. */
    StoreDescription describe();

    /** Whether the database answers a trivial query now. */
    boolean isAvailable();
}
