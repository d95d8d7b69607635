// A connection's settings as the API takes them: secrets apart from the other properties.

/**
 * Splits typed values by the connector's settings into properties and secrets. Empty values are
 * left out, so that an edit keeps a saved secret whose field was left empty; values of names the
 * connector does not define (left from another connector) are dropped.
 */
export function splitSettings(settings, values) {
  const properties = {};
  const secrets = {};
  for (const setting of settings) {
    const value = values[setting.name];
    if (value === undefined || value === '') continue;
    (setting.type === 'SECRET' ? secrets : properties)[setting.name] = value;
  }
  return { properties, secrets };
}

/** The input type that fits a setting's type. */
export function inputType(setting) {
  return setting.type === 'SECRET' ? 'password' : setting.type === 'INTEGER' ? 'number' : 'text';
}

// A setting's use: ANY, or SOURCE or TARGET for a setting only that use of the connection needs.
const forEveryUse = (setting) => !setting.use || setting.use === 'ANY';

/**
 * Whether a field must be filled: a required setting of every use without a default, unless it is a
 * secret that is saved already (an empty field keeps it). A setting required only as a source (or
 * target) may stay empty on a connection used otherwise; the server asks for it when it is needed.
 */
export function fieldRequired(setting, secretIsSet) {
  return setting.required && forEveryUse(setting) && !setting.defaultValue && !(setting.type === 'SECRET' && secretIsSet);
}

/** A field's label: marked * when every use requires it, or with the one use that does. */
export function fieldLabel(setting) {
  if (!setting.required) return setting.label;
  return forEveryUse(setting) ? `${setting.label} *` : `${setting.label} (needed as a ${setting.use.toLowerCase()})`;
}

/** Whether a boolean setting's box is ticked: its typed value, else its default. */
export function booleanChecked(setting, value) {
  return (value || setting.defaultValue) === 'true';
}
