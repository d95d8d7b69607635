import { describe, expect, it } from 'vitest';
import {
  groupBySchema,
  patternLines,
  patternMatches,
  tableName,
  tablesMatchingPatterns,
  toggleTables,
} from '../../main/web/src/tableSelection.js';

const catalog = [
  { schema: 'shop', name: 'customers' },
  { schema: 'shop', name: 'tmp_orders' },
  { schema: 'hr', name: 'people' },
  { schema: 'shop', name: 'products' },
  { schema: 'Shop', name: 'x.y' },
];

describe('groupBySchema', () => {
  it('groups tables by schema, in the order the catalog names them', () => {
    const groups = groupBySchema(catalog, '');
    expect(groups.map(([schema]) => schema)).toEqual(['shop', 'hr', 'Shop']);
    expect(groups[0][1].map((t) => t.name)).toEqual(['customers', 'tmp_orders', 'products']);
  });

  it('keeps the tables whose schema.table contains the search, in any case', () => {
    expect(groupBySchema(catalog, '  SHOP.c ')).toEqual([['shop', [{ schema: 'shop', name: 'customers' }]]]);
    expect(groupBySchema(catalog, 'nothing like it')).toEqual([]);
  });
});

describe('toggleTables', () => {
  it('adds and removes keys without changing the selection it was given', () => {
    const before = new Set(['shop.customers']);
    const added = toggleTables(before, ['shop.products', 'shop.customers'], true);
    expect([...added].sort()).toEqual(['shop.customers', 'shop.products']);
    expect([...toggleTables(added, ['shop.customers'], false)]).toEqual(['shop.products']);
    expect([...before]).toEqual(['shop.customers']);
  });
});

describe('tableName', () => {
  it('ends the schema at the first dot, as the server splits patterns', () => {
    expect(tableName('Shop.x.y')).toEqual({ schema: 'Shop', table: 'x.y' });
  });
});

describe('patterns', () => {
  it('reads one pattern a line or between commas, without blanks', () => {
    expect(patternLines(' shop.% ,\n\nhr.people\n')).toEqual(['shop.%', 'hr.people']);
  });

  it('matches % as any characters and _ as one, in schema and table apart', () => {
    expect(patternMatches('shop.%', 'shop', 'customers')).toBe(true);
    expect(patternMatches('s_op.p%s', 'shop', 'products')).toBe(true);
    expect(patternMatches('shop.p_', 'shop', 'products')).toBe(false);
    expect(patternMatches('%.people', 'hr', 'people')).toBe(true);
  });

  it('is case-sensitive and takes regular-expression characters literally', () => {
    expect(patternMatches('shop.%', 'Shop', 'customers')).toBe(false);
    expect(patternMatches('Shop.x.y', 'Shop', 'x.y')).toBe(true);
    expect(patternMatches('Shop.x.y', 'Shop', 'xzy')).toBe(false);
    expect(patternMatches('shop.(.*)', 'shop', 'customers')).toBe(false);
  });

  it('matches nothing without a dot between a schema part and a table part', () => {
    expect(patternMatches('%', 'shop', 'customers')).toBe(false);
    expect(patternMatches('.%', 'shop', 'customers')).toBe(false);
    expect(patternMatches('shop.', 'shop', 'customers')).toBe(false);
  });

  it('takes on the tables an include pattern matches and no exclude pattern does', () => {
    const names = tablesMatchingPatterns(catalog, ['shop.%', 'hr.%'], ['shop.tmp\\_%', 'shop.tmp_%']).map((t) => t.name);
    expect(names).toEqual(['customers', 'people', 'products']);
    expect(tablesMatchingPatterns(catalog, [], [])).toEqual([]);
  });
});
