package io.millrace.persistence;

/**
 * Where the metadata lives.
 *
 * @param database product name and version, such as {@code H2 2.3.232}
 * @param location the JDBC URL without credentials
 * @param schemaVersion the version of the newest applied migration
 */
public record StoreDescription(String database, String location, String schemaVersion) {}
