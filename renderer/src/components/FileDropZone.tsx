import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}

/** Reads every file of a dropped folder (the drop gives entries, not files). */
async function filesOfEntry(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    return new Promise((resolve) => (entry as FileSystemFileEntry).file((f) => resolve([f]), () => resolve([])));
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.map(filesOfEntry));
  return nested.flat();
}

async function droppedFiles(e: DragEvent): Promise<File[]> {
  const items = [...e.dataTransfer.items].filter((i) => i.kind === 'file');
  const entries = items.map((i) => i.webkitGetAsEntry?.() ?? null);
  if (entries.length > 0 && entries.every((x) => x !== null)) {
    return (await Promise.all(entries.map((x) => filesOfEntry(x as FileSystemEntry)))).flat();
  }
  return [...e.dataTransfer.files];
}

/**
 * Drop zone for log files and folders, with a file picker (several files) and
 * a folder picker. Works the same in Electron and in a browser tab: the files
 * are read by the page and uploaded in chunks.
 */
export function FileDropZone({ onFiles, disabled }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [over, setOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const take = (list: FileList | null, input: HTMLInputElement | null) => {
    const files = list ? [...list] : [];
    if (input) input.value = '';
    if (files.length > 0) onFiles(files);
  };

  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      data-testid="import-dropzone"
      onDragOver={(e) => {
        if (disabled) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (disabled) return;
        void droppedFiles(e).then((files) => files.length > 0 && onFiles(files));
      }}
    >
      <p>
        <strong>{t('imports.drop.title')}</strong>
      </p>
      <p className="muted">{t('imports.drop.hint')}</p>
      <div className="button-row">
        <button type="button" className="primary" disabled={disabled} onClick={() => filesInput.current?.click()}>
          {t('imports.drop.pickFiles')}
        </button>
        <button type="button" disabled={disabled} onClick={() => folderInput.current?.click()}>
          {t('imports.drop.pickFolder')}
        </button>
      </div>
      <label className="visually-hidden" htmlFor={`${id}-files`}>
        {t('imports.drop.pickFiles')}
      </label>
      <input
        id={`${id}-files`}
        ref={filesInput}
        className="visually-hidden"
        type="file"
        multiple
        data-testid="import-file-input"
        tabIndex={-1}
        onChange={(e) => take(e.target.files, e.target)}
      />
      <label className="visually-hidden" htmlFor={`${id}-folder`}>
        {t('imports.drop.pickFolder')}
      </label>
      <input
        id={`${id}-folder`}
        ref={(el) => {
          folderInput.current = el;
          // Not in React's typings: set as attributes so the picker selects a folder.
          el?.setAttribute('webkitdirectory', '');
          el?.setAttribute('directory', '');
        }}
        className="visually-hidden"
        type="file"
        multiple
        data-testid="import-folder-input"
        tabIndex={-1}
        onChange={(e) => take(e.target.files, e.target)}
      />
    </div>
  );
}
