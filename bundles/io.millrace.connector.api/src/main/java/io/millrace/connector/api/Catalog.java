package io.millrace.connector.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What tables a database connection can see, for choosing what to replicate. Implementations are
 * thread-safe and open their own connection per call.
 */
@ConsumerType
public interface Catalog {
    /**
     * Every table the connection's user can read, ordered by schema and name, without the source's
     * own system schemas. Partitions are left out: their parent stands for them.
     *
     * @throws CatalogException when the database cannot be reached or read, with the cause in words
     *     a user can act on
     */
    List<TableDescription> tables(ConnectionSettings settings);
}
