import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useDebounced } from '../../hooks/useDebounced';
import type { RuleValidation } from './types';

export interface LiveValidation {
  result: RuleValidation | null;
  pending: boolean;
  error: unknown;
}

/** Validates the text being edited, 400 ms after the last keystroke (older answers are dropped). */
export function useRuleValidation(text: string): LiveValidation {
  const debounced = useDebounced(text, 400);
  const [result, setResult] = useState<RuleValidation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState<string | null>(null);

  useEffect(() => {
    if (!debounced.trim()) {
      setResult(null);
      setChecked(debounced);
      return;
    }
    let live = true;
    api.call('detection.rules.validate', { text: debounced }).then(
      (r) => {
        if (!live) return;
        setResult(r);
        setError(null);
        setChecked(debounced);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setChecked(debounced);
      },
    );
    return () => {
      live = false;
    };
  }, [debounced]);

  return { result, error, pending: checked !== text };
}
