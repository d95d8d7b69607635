import { describe, expect, it } from 'vitest';
import { booleanChecked, fieldLabel, fieldRequired, inputType, splitSettings } from '../../main/web/src/connectionSettings.js';

const host = { name: 'host', type: 'STRING', required: true };
const port = { name: 'port', type: 'INTEGER', required: true, defaultValue: '5432' };
const password = { name: 'password', type: 'SECRET', required: true };
const ssl = { name: 'ssl', type: 'BOOLEAN', required: false, defaultValue: 'true' };

describe('splitSettings', () => {
  it('sends secrets apart from the other properties', () => {
    const split = splitSettings([host, port, password], { host: 'db', port: '5433', password: 's3cret' });
    expect(split).toEqual({ properties: { host: 'db', port: '5433' }, secrets: { password: 's3cret' } });
  });

  it('leaves out empty values, so that an edit keeps the saved secret', () => {
    expect(splitSettings([host, password], { host: 'db', password: '' })).toEqual({ properties: { host: 'db' }, secrets: {} });
  });

  it("drops values of settings the connector does not define, such as another connector's", () => {
    expect(splitSettings([host], { host: 'db', url: 'jdbc:h2:mem:x' }).properties).toEqual({ host: 'db' });
  });
});

describe('fields', () => {
  it('types a field by its setting', () => {
    expect([host, port, password].map(inputType)).toEqual(['text', 'number', 'password']);
  });

  it('requires a field unless it has a default or is a saved secret', () => {
    expect(fieldRequired(host, false)).toBe(true);
    expect(fieldRequired(port, false)).toBe(false);
    expect(fieldRequired(password, false)).toBe(true);
    expect(fieldRequired(password, true)).toBe(false);
    expect(fieldRequired({ ...host, required: false }, false)).toBe(false);
  });

  it('does not require a setting that only a source needs, and says so in its label', () => {
    const databases = { name: 'databases', label: 'Databases', type: 'STRING', required: true, use: 'SOURCE' };
    expect(fieldRequired(databases, false)).toBe(false);
    expect(fieldLabel(databases)).toBe('Databases (needed as a source)');
    expect(fieldLabel({ ...host, label: 'Host', use: 'ANY' })).toBe('Host *');
    expect(fieldLabel({ ...ssl, label: 'TLS' })).toBe('TLS');
  });

  it('ticks a boolean by its value, else by its default', () => {
    expect(booleanChecked(ssl, '')).toBe(true);
    expect(booleanChecked(ssl, 'false')).toBe(false);
    expect(booleanChecked({ ...ssl, defaultValue: 'false' }, 'true')).toBe(true);
  });
});
