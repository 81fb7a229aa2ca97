import { useTranslation } from 'react-i18next';
import type { Tlp } from './types';

/**
 * A TLP 2.0 label as FIRST prints it: coloured text on a black background
 * (RED #FF2B2B, AMBER #FFC000, GREEN #33FF00, CLEAR white). The text
 * `TLP:AMBER` carries the meaning, the colour only repeats it; screen readers
 * also hear what the level allows.
 */
export function TlpBadge({ tlp, kind = 'TLP' }: { tlp: Tlp; kind?: 'TLP' | 'PAP' }) {
  const { t } = useTranslation();
  const meaning = t(`incidents.${kind === 'TLP' ? 'tlp' : 'pap'}.meaning.${tlp}`);
  return (
    <span
      className={`tlp tlp2 tlp2-${tlp.replace('+', '-').toLowerCase()}`}
      data-testid={kind === 'TLP' ? 'tlp-badge' : 'pap-badge'}
      data-tlp={tlp}
      title={meaning}
    >
      {`${kind}:${tlp}`}
      <span className="visually-hidden">{` — ${meaning}`}</span>
    </span>
  );
}
