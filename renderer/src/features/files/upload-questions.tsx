import { AlertIcon } from '../../ui/icons.js';
import type { FolderUpload } from './folder-upload.js';
import type { UploadQuestion } from './upload-clashes.js';

/** Files whose names are taken in `dir`: replaced only if the user says so. */
export type FileClashes = UploadQuestion<'files', File>;

/** Folders already in `dir`: uploaded into (merged) only if the user says so. */
export type FolderMerges = UploadQuestion<'folders', FolderUpload<File>>;

interface UploadQuestionsProps {
  /** One question per folder, each answered on its own (a later upload never drops one). */
  clashes: FileClashes[];
  merges: FolderMerges[];
  /** Why some uploads were not started (a file over a folder, a folder over a file, an unreadable drop). */
  refused?: string[];
  /** The user's word on a question: yes uploads its items, no drops them. */
  onReplace: (c: FileClashes, yes: boolean) => void;
  onMerge: (m: FolderMerges, yes: boolean) => void;
  onDismissRefused: () => void;
}

/** The questions and refusals an upload can raise above the listing. */
export function UploadQuestions({ clashes, merges, refused, onReplace, onMerge, onDismissRefused }: UploadQuestionsProps) {
  return (
    <>
      {clashes.map((c) => (
        <div key={c.dir} className="banner banner--info fbrowser__clash" role="group" aria-label="Replace existing files?">
          <div className="banner__body">
            <p className="banner__title">
              {c.files.length === 1 ? `${c.files[0]!.name} already exists` : `${c.files.length} files already exist`} in {c.dir}. Replace {c.files.length === 1 ? 'it' : 'them'}?
            </p>
          </div>
          <button type="button" className="btn" onClick={() => onReplace(c, true)}>
            Replace
          </button>
          <button type="button" className="btn" onClick={() => onReplace(c, false)}>
            Keep the existing {c.files.length === 1 ? 'file' : 'files'}
          </button>
        </div>
      ))}
      {merges.map((m) => (
        <div key={m.dir} className="banner banner--info fbrowser__clash" role="group" aria-label="Upload into existing folders?">
          <div className="banner__body">
            <p className="banner__title">
              {m.folders.length === 1 ? `The folder ${m.folders[0]!.top} already exists` : `${m.folders.length} folders already exist`} in {m.dir}. Upload into{' '}
              {m.folders.length === 1 ? 'it' : 'them'}? Files of the same name are replaced.
            </p>
          </div>
          <button type="button" className="btn" onClick={() => onMerge(m, true)}>
            Upload into {m.folders.length === 1 ? 'it' : 'them'}
          </button>
          <button type="button" className="btn" onClick={() => onMerge(m, false)}>
            Don’t upload
          </button>
        </div>
      ))}
      {refused?.length ? (
        <div className="banner banner--error fbrowser__clash" role="alert" aria-label="Not uploaded">
          <AlertIcon className="banner__icon" />
          <div className="banner__body">
            {refused.map((message) => (
              <p key={message} className="banner__title">
                {message}
              </p>
            ))}
          </div>
          <button type="button" className="btn" onClick={onDismissRefused}>
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
