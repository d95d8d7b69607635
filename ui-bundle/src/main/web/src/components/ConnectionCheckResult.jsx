/** The steps of a connection test, each passed, warned or failed, with the fix for what did not pass. */
export default function ConnectionCheckResult({ check }) {
  if (!check) return null;
  const failed = check.steps.some((step) => step.status === 'FAILED');
  return (
    <div className={`check ${failed ? 'failed' : 'passed'}`} role="status" aria-live="polite">
      <strong>{failed ? 'The test failed' : 'The connection works'}</strong>
      <ul>
        {check.steps.map((step) => (
          <li key={step.name} className={step.status.toLowerCase()}>
            <span className="badge">{step.status.toLowerCase()}</span> {step.name}: {step.message}
            {step.fix && <div className="fix">Fix: {step.fix}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
