import { useEffect, useState } from 'react';
import type { PassphraseStrength } from '@contract';
import { api } from '../api/client';
import { useDebounced } from './useDebounced';

const DEBOUNCE_MS = 300;

/** Debounced `vault.checkPassphrase`; `userInputs` (e.g. the operator's name) weaken guessable phrases. */
export function usePassphraseStrength(passphrase: string, userInputs: string[]) {
  const debounced = useDebounced(passphrase, DEBOUNCE_MS);
  const inputsKey = JSON.stringify(userInputs.filter(Boolean));
  const [strength, setStrength] = useState<PassphraseStrength | null>(null);

  useEffect(() => {
    if (!debounced) {
      setStrength(null);
      return;
    }
    let live = true;
    api.call('vault.checkPassphrase', { passphrase: debounced, userInputs: JSON.parse(inputsKey) as string[] }).then(
      (result) => live && setStrength(result),
      () => live && setStrength(null),
    );
    return () => {
      live = false;
    };
  }, [debounced, inputsKey]);

  const checking = passphrase !== '' && (passphrase !== debounced || strength === null);
  return { strength: passphrase ? strength : null, checking };
}
