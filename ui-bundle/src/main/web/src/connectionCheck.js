// What a connection test's result says at a glance.

/**
 * The headline of a test: whether the connection works, or, when steps failed, the uses it is
 * still fit for (a target-only MariaDB connection fails its source checks yet is a fine target).
 */
export function checkSummary(check) {
  const failed = check.steps.some((step) => step.status === 'FAILED');
  if (!failed) return { failed: false, text: 'The connection works' };
  const uses = [check.usableAsSource && 'a source', check.usableAsTarget && 'a target'].filter(Boolean);
  if (uses.length === 0) return { failed: true, text: 'The test failed' };
  const other = check.usableAsSource ? 'a target' : 'a source';
  return { failed: false, text: `Usable as ${uses.join(' and ')}; the failed steps keep it from being ${other}` };
}

/** The use a step concerns, shown beside it unless it concerns every use. */
export function stepUse(step) {
  return !step.use || step.use === 'ANY' ? null : `as a ${step.use.toLowerCase()}`;
}
