import { useTranslation } from 'react-i18next';
import {
  AUTH_TYPE_LIST,
  FOLDER_FORMAT_LIST,
  isConnector,
  isListener,
  isLoopback,
  LISTENER_FORMAT_LIST,
  REST_FORMAT_LIST,
  type SourceDraft,
} from './draft';

interface Props {
  id: string;
  draft: SourceDraft;
  set: <K extends keyof SourceDraft>(key: K, value: SourceDraft[K]) => void;
  /** True when the stored source already has a secret (shown as « enregistré », never read back). */
  hasSecret: boolean;
  csvMappings: string[];
}

function Text(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  help?: string;
  type?: string;
  testId?: string;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        placeholder={props.placeholder}
        data-testid={props.testId}
        aria-describedby={props.help ? `${props.id}-help` : undefined}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.help && (
        <p className="help" id={`${props.id}-help`}>
          {props.help}
        </p>
      )}
    </div>
  );
}

function Select<T extends string>(props: { id: string; label: string; value: T; options: readonly T[]; labelOf: (v: T) => string; onChange: (v: T) => void; testId?: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labelOf(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The fields of one source kind (listener, connector or folder). */
export function SourceFields({ id, draft: d, set, hasSecret, csvMappings }: Props) {
  const { t } = useTranslation();
  const secretHelp = hasSecret ? t('sources.form.secretStored') : undefined;
  const hints = (
    <>
      <Text id={`${id}-tz`} label={t('sources.form.timezone')} value={d.timezone} onChange={(v) => set('timezone', v)} help={t('sources.form.timezoneHelp')} testId="source-timezone" />
      <Text id={`${id}-service`} label={t('sources.form.service')} value={d.service} onChange={(v) => set('service', v)} help={t('sources.form.serviceHelp')} testId="source-service" />
    </>
  );

  if (isListener(d.kind)) {
    const exposed = !isLoopback(d.bindAddress);
    return (
      <>
        <div className="options-grid">
          <Text id={`${id}-bind`} label={t('sources.form.bindAddress')} value={d.bindAddress} onChange={(v) => set('bindAddress', v)} testId="source-bind" />
          <Text id={`${id}-port`} label={t('sources.form.port')} type="number" value={d.port} onChange={(v) => set('port', v)} required testId="source-port" help={t('sources.form.portHelp')} />
          <Select
            id={`${id}-format`}
            label={t('sources.form.format')}
            value={d.format as (typeof LISTENER_FORMAT_LIST)[number]}
            options={LISTENER_FORMAT_LIST}
            labelOf={(f) => t(`imports.formats.${f}`)}
            onChange={(v) => set('format', v)}
            testId="source-format"
          />
          {hints}
        </div>
        {exposed && (
          <div className="field-warning" role="alert" data-testid="source-exposed-warning">
            <p>{t('sources.form.exposedWarning', { address: d.bindAddress })}</p>
            <div className="field field-check">
              <input id={`${id}-allow`} type="checkbox" checked={d.allowExternal} onChange={(e) => set('allowExternal', e.target.checked)} />
              <label htmlFor={`${id}-allow`}>{t('sources.form.allowExternal')}</label>
            </div>
          </div>
        )}
        {d.kind === 'syslog-tls' && (
          <div className="options-grid">
            <div className="field">
              <label htmlFor={`${id}-cert`}>{t('sources.form.tlsCert')}</label>
              <textarea id={`${id}-cert`} value={d.tlsCert} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" onChange={(e) => set('tlsCert', e.target.value)} />
              {secretHelp && <p className="secret-state">{secretHelp}</p>}
            </div>
            <div className="field">
              <label htmlFor={`${id}-key`}>{t('sources.form.tlsKey')}</label>
              <textarea id={`${id}-key`} value={d.tlsKey} spellCheck={false} placeholder="-----BEGIN PRIVATE KEY-----" onChange={(e) => set('tlsKey', e.target.value)} />
              <p className="help">{t('sources.form.tlsHelp')}</p>
            </div>
          </div>
        )}
      </>
    );
  }

  if (isConnector(d.kind)) {
    const url = d.kind === 'fhir' ? d.baseUrl : d.url;
    return (
      <>
        <div className="options-grid">
          {d.kind === 'fhir' ? (
            <Text id={`${id}-base`} label={t('sources.form.baseUrl')} value={d.baseUrl} onChange={(v) => set('baseUrl', v)} required placeholder="https://fhir.example/fhir" testId="source-url" />
          ) : (
            <Text id={`${id}-url`} label={t('sources.form.url')} value={d.url} onChange={(v) => set('url', v)} required placeholder="https://api.example/audit" testId="source-url" />
          )}
          <Text id={`${id}-page`} label={t('sources.form.pageSize')} type="number" value={d.pageSize} onChange={(v) => set('pageSize', v)} placeholder={d.kind === 'fhir' ? '100' : '500'} />
          <Text id={`${id}-schedule`} label={t('sources.form.schedule')} value={d.schedule} onChange={(v) => set('schedule', v)} help={t('sources.form.scheduleHelp')} testId="source-schedule" />
          {d.kind === 'rest' && (
            <>
              <Text id={`${id}-cursor`} label={t('sources.form.cursorParam')} value={d.cursorParam} onChange={(v) => set('cursorParam', v)} />
              <Text id={`${id}-items`} label={t('sources.form.itemsPath')} value={d.itemsPath} onChange={(v) => set('itemsPath', v)} help={t('sources.form.itemsPathHelp')} />
              <Text id={`${id}-ts`} label={t('sources.form.timestampField')} value={d.timestampField} onChange={(v) => set('timestampField', v)} />
              <Text id={`${id}-idf`} label={t('sources.form.idField')} value={d.idField} onChange={(v) => set('idField', v)} />
              <Select id={`${id}-rformat`} label={t('sources.form.format')} value={d.restFormat} options={REST_FORMAT_LIST} labelOf={(f) => t(`sources.restFormats.${f}`)} onChange={(v) => set('restFormat', v)} />
            </>
          )}
          <Select id={`${id}-auth`} label={t('sources.form.authType')} value={d.authType} options={AUTH_TYPE_LIST} labelOf={(a) => t(`sources.auth.${a}`)} onChange={(v) => set('authType', v)} testId="source-auth" />
          {d.authType === 'basic' && <Text id={`${id}-user`} label={t('sources.form.username')} value={d.username} onChange={(v) => set('username', v)} required />}
          {d.authType !== 'none' && (
            <Text
              id={`${id}-secret`}
              type="password"
              label={t(d.authType === 'basic' ? 'sources.form.password' : 'sources.form.token')}
              value={d.token}
              onChange={(v) => set('token', v)}
              help={secretHelp ?? t('sources.form.secretHelp')}
              testId="source-secret"
            />
          )}
          {hints}
        </div>
        {/^http:/i.test(url.trim()) && (
          <div className="field-warning">
            <div className="field field-check">
              <input id={`${id}-insecure`} type="checkbox" checked={d.allowInsecureHttp} onChange={(e) => set('allowInsecureHttp', e.target.checked)} />
              <label htmlFor={`${id}-insecure`}>{t('sources.form.allowInsecureHttp')}</label>
            </div>
          </div>
        )}
      </>
    );
  }

  return (
    <div className="options-grid">
      <Text id={`${id}-path`} label={t('sources.form.path')} value={d.path} onChange={(v) => set('path', v)} required placeholder="/var/log/hub" help={t('sources.form.pathHelp')} testId="source-path" />
      <Select id={`${id}-fformat`} label={t('sources.form.format')} value={d.format as (typeof FOLDER_FORMAT_LIST)[number]} options={FOLDER_FORMAT_LIST} labelOf={(f) => t(`imports.formats.${f}`)} onChange={(v) => set('format', v)} />
      {d.format === 'csv' && (
        <Select id={`${id}-csv`} label={t('imports.options.csvMapping')} value={d.csvMapping} options={['', ...csvMappings]} labelOf={(m) => m || t('imports.options.noMapping')} onChange={(v) => set('csvMapping', v)} />
      )}
      {hints}
      <div className="field field-check">
        <input id={`${id}-move`} type="checkbox" data-testid="source-move-processed" checked={d.moveProcessed} onChange={(e) => set('moveProcessed', e.target.checked)} />
        <label htmlFor={`${id}-move`}>{t('sources.form.moveProcessed')}</label>
      </div>
      {d.moveProcessed && (
        <Text id={`${id}-processed`} label={t('sources.form.processedPath')} value={d.processedPath} onChange={(v) => set('processedPath', v)} placeholder={`${d.path.trim() || '/var/log/hub'}/.imported`} help={t('sources.form.processedPathHelp')} testId="source-processed-path" />
      )}
    </div>
  );
}
