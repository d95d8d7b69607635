import { useMemo, useState } from 'react';
import { groupBySchema, tableKey, toggleTables } from '../tableSelection.js';

/** Picks tables of a catalog: search, one by one, or all of a schema at once. */
export default function TablePicker({ catalog, selected, onChange }) {
  const [search, setSearch] = useState('');
  const schemas = useMemo(() => groupBySchema(catalog, search), [catalog, search]);
  const toggle = (names, on) => onChange(toggleTables(selected, names, on));

  return (
    <fieldset className="table-picker">
      <legend>Tables ({selected.size} selected)</legend>
      <div className="inline">
        <label htmlFor="table-search">Search tables</label>
        <input id="table-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="schema.table" />
      </div>
      {schemas.length === 0 && <p className="muted">No tables match.</p>}
      {schemas.map(([schema, tables]) => {
        const names = tables.map((t) => tableKey(schema, t.name));
        const all = names.every((name) => selected.has(name));
        const id = `schema-${schema}`;
        return (
          <div key={schema} className="schema-group">
            <div className="checkbox">
              <input id={id} type="checkbox" checked={all} onChange={(e) => toggle(names, e.target.checked)} />
              <label htmlFor={id}>
                Select all in schema <strong>{schema}</strong> ({tables.length})
              </label>
            </div>
            <ul>
              {tables.map((table) => {
                const name = tableKey(schema, table.name);
                const tableId = `table-${name}`;
                return (
                  <li key={name} className="checkbox">
                    <input id={tableId} type="checkbox" checked={selected.has(name)} onChange={(e) => toggle([name], e.target.checked)} />
                    <label htmlFor={tableId}>
                      {name}
                      <span className="muted">
                        {' '}
                        {table.columns.length} columns{table.primaryKey.length === 0 && ', no primary key'}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </fieldset>
  );
}
