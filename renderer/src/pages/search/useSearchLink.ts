import { useEffect, useRef } from 'react';
import { readSearchHash, type SearchLink } from './query';

/** The search link in the address when the page opens, then every new one (a drill-down while the page is open). */
export function initialLink(): SearchLink | null {
  return readSearchHash(window.location.hash);
}

export function useSearchLink(onLink: (link: SearchLink) => void): void {
  const ref = useRef(onLink);
  ref.current = onLink;
  useEffect(() => {
    const onChange = () => {
      const link = readSearchHash(window.location.hash);
      if (link) ref.current(link);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
}
