import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePopover } from './usePopover';

/** Examples of the language (main/search/README.md); the text after each is translated. */
const EXAMPLES: [key: string, example: string][] = [
  ['field', 'service:SRI'],
  ['phrase', 'message:"connexion réussie"'],
  ['wildcard', 'host:pacs*'],
  ['bool', 'service:SRI AND NOT outcome:success'],
  ['group', 'user:(alice OR bob)'],
  ['range', 'severity:[medium TO critical]'],
  ['compare', 'severity:>=high'],
  ['time', '@timestamp:[now-1d/d TO now]'],
  ['exists', '_exists_:health.patient.pseudonym'],
  ['text', 'échec connexion'],
  ['cidr', 'ip:10.38.0.0/16'],
  ['attribute', 'attributes.organization.id:26*'],
];

/** The "?" next to the query bar: syntax examples (click one to use it) and the field names. */
export function SyntaxHelp({ onUse }: { onUse: (example: string) => void }) {
  const { t } = useTranslation();
  const { open, setOpen, anchor } = usePopover<HTMLDivElement>();
  const id = useId();
  const fields = useApiQuery('search.fields', {}, { enabled: open });

  const aliases = Object.entries(fields.data?.aliases ?? {});
  return (
    <div className="popover-anchor" ref={anchor}>
      <button type="button" aria-expanded={open} aria-controls={id} data-testid="syntax-help-toggle" onClick={() => setOpen(!open)}>
        {t('search.help.toggle')}
      </button>
      {open && (
        <div className="popover syntax-help" id={id} role="dialog" aria-label={t('search.help.title')} data-testid="syntax-help">
          <h2>{t('search.help.title')}</h2>
          <table className="table compact-table">
            <tbody>
              {EXAMPLES.map(([key, example]) => (
                <tr key={key}>
                  <td>
                    <button
                      type="button"
                      className="link-button mono"
                      onClick={() => {
                        onUse(example);
                        setOpen(false);
                      }}
                    >
                      {example}
                    </button>
                  </td>
                  <td>{t(`search.help.examples.${key}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="help">{t('search.help.notes')}</p>
          {fields.data && (
            <>
              <h3>{t('search.help.fields')}</h3>
              <p className="mono field-list">{fields.data.canonical.join(' · ')}</p>
              <h3>{t('search.help.aliases')}</h3>
              <p className="mono field-list">{aliases.map(([short, full]) => `${short} → ${full}`).join(' · ')}</p>
            </>
          )}
        </div>
      )}
    </div>
  );
}
