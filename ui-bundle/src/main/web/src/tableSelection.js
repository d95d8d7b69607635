// Choosing a landing task's tables: by name from the catalog, or by schema.table patterns that the
// server matches as TableSelection does (SQL LIKE wildcards in each part, split at the first dot,
// case-sensitive).

/** The key a picked table goes by: "schema.table". */
export function tableKey(schema, table) {
  return `${schema}.${table}`;
}

/** A picked key as the API names a table; the schema ends at the first dot, as in patterns. */
export function tableName(key) {
  const dot = key.indexOf('.');
  return { schema: key.slice(0, dot), table: key.slice(dot + 1) };
}

/** The catalog's tables whose key contains the search (any case), grouped by schema in catalog order. */
export function groupBySchema(catalog, search) {
  const query = search.trim().toLowerCase();
  const grouped = new Map();
  for (const table of catalog) {
    if (query && !tableKey(table.schema, table.name).toLowerCase().includes(query)) continue;
    if (!grouped.has(table.schema)) grouped.set(table.schema, []);
    grouped.get(table.schema).push(table);
  }
  return [...grouped.entries()];
}

/** A new selection with the keys added (on) or removed. */
export function toggleTables(selected, keys, on) {
  const next = new Set(selected);
  keys.forEach((key) => (on ? next.add(key) : next.delete(key)));
  return next;
}

/** Patterns typed one a line or separated by commas. */
export function patternLines(text) {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function likeRegExp(like) {
  const source = [...like].map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's');
}

/** Whether a schema.table pattern matches a table; a pattern without a dot between two parts matches nothing. */
export function patternMatches(pattern, schema, table) {
  const dot = pattern.indexOf('.');
  if (dot <= 0 || dot === pattern.length - 1) return false;
  return likeRegExp(pattern.slice(0, dot)).test(schema) && likeRegExp(pattern.slice(dot + 1)).test(table);
}

/** The catalog's tables that the patterns take on: matched by an include pattern and by no exclude pattern. */
export function tablesMatchingPatterns(catalog, include, exclude) {
  return catalog.filter(
    (t) => include.some((p) => patternMatches(p, t.schema, t.name)) && !exclude.some((p) => patternMatches(p, t.schema, t.name)),
  );
}
