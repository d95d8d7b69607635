import { checkSummary, stepUse } from '../connectionCheck.js';

/**
 * The steps of a connection test, each passed, warned or failed, with the use it concerns and the
 * fix for what did not pass; the headline says what the connection can be used for.
 */
export default function ConnectionCheckResult({ check }) {
  if (!check) return null;
  const summary = checkSummary(check);
  return (
    <div className={`check ${summary.failed ? 'failed' : 'passed'}`} role="status" aria-live="polite">
      <strong>{summary.text}</strong>
      <ul>
        {check.steps.map((step) => (
          <li key={step.name} className={step.status.toLowerCase()}>
            <span className="badge">{step.status.toLowerCase()}</span> {step.name}
            {stepUse(step) && <span className="use"> ({stepUse(step)})</span>}: {step.message}
            {step.fix && <div className="fix">Fix: {step.fix}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
