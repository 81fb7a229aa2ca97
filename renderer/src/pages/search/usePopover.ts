import { useEffect, useRef, useState } from 'react';

/** Open state of a popover that closes on Escape and on a click outside its anchor. */
export function usePopover<T extends HTMLElement>() {
  const [open, setOpen] = useState(false);
  const anchor = useRef<T>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onDown = (e: MouseEvent) => {
      if (anchor.current && !anchor.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  return { open, setOpen, anchor };
}
