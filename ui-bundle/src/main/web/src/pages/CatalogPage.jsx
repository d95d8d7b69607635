import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import useApiData from '../hooks/useApiData.js';
import ErrorMessage from '../components/ErrorMessage.jsx';
import { portableType } from '../format.js';

/** The tables a connection sees, with their columns, types and keys. */
export default function CatalogPage() {
  const { connectionId } = useParams();
  const connection = useApiData(`/connections/${connectionId}`);
  const catalog = useApiData(`/connections/${connectionId}/catalog`);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(null);
  const query = search.trim().toLowerCase();
  const tables = (catalog.data ?? []).filter((t) => !query || `${t.schema}.${t.name}`.toLowerCase().includes(query));

  return (
    <section aria-labelledby="catalog-title">
      <p>
        <Link to="/connections">← Connections</Link>
      </p>
      <h1 id="catalog-title">Catalog of {connection.data?.name ?? '…'}</h1>
      <ErrorMessage error={connection.error || catalog.error} />
      <div className="inline">
        <label htmlFor="catalog-search">Search tables</label>
        <input id="catalog-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="schema.table" />
      </div>
      {catalog.loading && <p role="status">Reading the catalog…</p>}
      <table className="grid" aria-label="Tables">
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Columns</th>
            <th scope="col">Primary key</th>
            <th scope="col">Estimated rows</th>
          </tr>
        </thead>
        <tbody>
          {tables.map((table) => {
            const key = `${table.schema}.${table.name}`;
            return (
              <tr key={key}>
                <td>
                  <button type="button" className="link" aria-expanded={open === key} onClick={() => setOpen(open === key ? null : key)}>
                    {key}
                  </button>
                  {table.partitioned && <span className="badge">partitioned</span>}
                  {open === key && (
                    <ul className="columns">
                      {table.columns.map((column) => (
                        <li key={column.name}>
                          <code>{column.name}</code> {column.sourceType} → {portableType(column.type)}
                          {!column.nullable && ' not null'}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{table.columns.length}</td>
                <td>{table.primaryKey.length ? table.primaryKey.join(', ') : <em>none</em>}</td>
                <td>{table.estimatedRows ?? '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
