import { useEffect, useRef } from 'react';

/**
 * Keyboard use of a form that opens within the page: its first field takes the focus, Escape
 * cancels it, and when it closes the focus goes back to the control that opened it.
 */
export default function useInlineForm(onCancel) {
  const ref = useRef(null);
  useEffect(() => {
    const opener = document.activeElement;
    ref.current?.querySelector('input, select, textarea')?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  function onKeyDown(event) {
    // Escape in a search field with text clears the text first, as browsers do.
    if (event.key !== 'Escape' || (event.target.type === 'search' && event.target.value)) return;
    event.preventDefault();
    onCancel();
  }

  return { ref, onKeyDown };
}
