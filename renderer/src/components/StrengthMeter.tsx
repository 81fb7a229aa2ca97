import { useTranslation } from 'react-i18next';
import type { PassphraseStrength } from '@contract';

interface Props {
  strength: PassphraseStrength | null;
  checking: boolean;
}

/** Live estimate from `vault.checkPassphrase` (score 0..4, 3 is the minimum accepted). */
export function StrengthMeter({ strength, checking }: Props) {
  const { t, i18n } = useTranslation();
  // The estimator sends i18n keys or ready-made sentences.
  const say = (text: string) => (i18n.exists(text) ? t(text) : text);
  const score = strength?.score ?? 0;
  return (
    <div className="strength" data-testid="strength-meter" data-score={strength ? score : ''} aria-live="polite">
      <div className="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={strength && i <= score ? `on score-${score}` : ''} />
        ))}
      </div>
      <p className="strength-label" data-testid="strength-label">
        {strength
          ? `${t(`strength.score.${score}`)} — ${t(strength.acceptable ? 'strength.acceptable' : 'strength.notAcceptable')}`
          : t(checking ? 'strength.checking' : 'strength.empty')}
      </p>
      {strength && !strength.acceptable && (
        <ul className="strength-hints">
          {strength.warning && <li>{say(strength.warning)}</li>}
          {strength.suggestions.map((s) => (
            <li key={s}>{say(s)}</li>
          ))}
          {!strength.warning && strength.suggestions.length === 0 && <li>{t('strength.minLength', { count: strength.minLength })}</li>}
        </ul>
      )}
    </div>
  );
}
