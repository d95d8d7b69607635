/** An API error as users read it: what failed and what to do (the problem's detail). */
export default function ErrorMessage({ error }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {error.title && error.title !== error.message && <strong>{error.title}: </strong>}
      {error.message}
    </div>
  );
}
