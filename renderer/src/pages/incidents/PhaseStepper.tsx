import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';
import { PHASE_LIST } from '../../domain';
import type { IncidentDetail, Phase } from './types';

interface Props {
  incident: IncidentDetail;
  disabled: boolean;
  onMove: (phase: Phase) => void;
}

/** Détection → clôture: the current phase, the ones passed (with when), a click moves to another. */
export function PhaseStepper({ incident, disabled, onMove }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const current = PHASE_LIST.indexOf(incident.phase);
  const entered = new Map<Phase, string>();
  for (const span of incident.phases) entered.set(span.phase, span.from);
  return (
    <ol className="phase-stepper" aria-label={t('incidents.phaseStepper.label')} data-testid="phase-stepper">
      {PHASE_LIST.map((phase, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={phase} className={`step step-${state}`}>
            <button
              type="button"
              aria-current={state === 'current' ? 'step' : undefined}
              disabled={disabled || state === 'current'}
              onClick={() => onMove(phase)}
              data-testid={`phase-${phase}`}
            >
              <span className="step-index" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="step-label">{t(`phase.${phase}`)}</span>
              <span className="visually-hidden">{` — ${t(`incidents.phaseStepper.${state}`)}`}</span>
            </button>
            {entered.has(phase) && <span className="step-date">{fmt.dateTime(entered.get(phase))}</span>}
          </li>
        );
      })}
    </ol>
  );
}
