import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';
import type { ArsCriterion, ArsRecord } from '../types';

type Answers = ArsRecord['answers'];
type Answer = boolean | null;

interface Props {
  incidentId: number;
  criteria: ArsCriterion[];
  record: ArsRecord | null;
  canWrite: boolean;
  onChange: (r: ArsRecord) => void;
}

const CHOICES: { value: Answer; key: 'yes' | 'no' | 'unknown' }[] = [
  { value: true, key: 'yes' },
  { value: false, key: 'no' },
  { value: null, key: 'unknown' },
];

/** The decree's questions (CSP art. D. 1111-16-2) → « grave », « significatif » or nothing to declare, with the reasons. */
export function ArsQualification({ incidentId, criteria, record, canWrite, onChange }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [answers, setAnswers] = useState<Answers>(() => record?.answers ?? {});
  const q = record?.qualification ?? null;

  async function qualify() {
    const r = await action.run(() => api.call('legal.qualify', { incidentId, answers }));
    if (r) onChange(r);
  }

  return (
    <div className="ars-qualification" data-testid="ars-qualification">
      <h3>{t('incidents.ars.qualification')}</h3>
      <ol className="criteria">
        {criteria.map((c) => (
          <li key={c.id} data-testid={`criterion-${c.id}`} data-effect={c.effect}>
            <fieldset disabled={!canWrite}>
              <legend lang="fr">{c.question}</legend>
              <p className="help" lang="fr">
                {c.help} <cite>{c.source}</cite>
              </p>
              <div className="segmented-radios">
                {CHOICES.map((choice) => (
                  <label key={choice.key}>
                    <input
                      type="radio"
                      name={`ars-${incidentId}-${c.id}`}
                      checked={(answers[c.id] ?? null) === choice.value}
                      onChange={() => setAnswers((a) => ({ ...a, [c.id]: choice.value }))}
                      data-testid={`answer-${c.id}-${choice.key}`}
                    />
                    {t(`incidents.ars.answer.${choice.key}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {canWrite && (
        <button type="button" className="primary" disabled={action.busy} onClick={() => void qualify()} data-testid="ars-qualify">
          {t('incidents.ars.qualify')}
        </button>
      )}
      <ActionError error={action.error} />
      {q && (
        <div className={`qualification level-${q.level}`} role="status" data-testid="ars-result" data-level={q.level}>
          <p className="qualification-level">
            <strong>{t(`incidents.ars.level.${q.level}`)}</strong> — {t(q.toDeclare ? 'incidents.ars.toDeclare' : 'incidents.ars.notToDeclare')}
            {!q.complete && <span className="marker">{t('incidents.ars.incomplete')}</span>}
          </p>
          <ul lang="fr" data-testid="ars-rationale">
            {q.rationale.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
