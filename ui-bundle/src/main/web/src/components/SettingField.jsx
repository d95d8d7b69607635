import { booleanChecked, fieldLabel, fieldRequired, inputType } from '../connectionSettings.js';

/** One connector setting as a form field, typed by its definition. */
export default function SettingField({ setting, value, secretIsSet, onChange }) {
  const id = `setting-${setting.name}`;
  const hintId = `${id}-hint`;
  const label = fieldLabel(setting);
  if (setting.type === 'BOOLEAN') {
    const checked = booleanChecked(setting, value);
    return (
      <div className="checkbox">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(String(e.target.checked))} aria-describedby={hintId} />
        <label htmlFor={id}>{setting.label}</label>
        <small id={hintId}>{setting.description}</small>
      </div>
    );
  }
  const secret = setting.type === 'SECRET';
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={setting.name}
        type={inputType(setting)}
        autoComplete={secret ? 'new-password' : 'off'}
        value={value}
        placeholder={secret && secretIsSet ? 'saved: leave empty to keep' : setting.defaultValue ?? ''}
        required={fieldRequired(setting, secretIsSet)}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hintId}
      />
      <small id={hintId}>{setting.description}</small>
    </>
  );
}
