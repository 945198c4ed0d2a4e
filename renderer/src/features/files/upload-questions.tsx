import { AlertIcon } from '../../ui/icons.js';
import type { FolderUpload } from './folder-upload.js';

/** Files whose names are taken in `dir`: replaced only if the user says so. */
export interface FileClashes {
  dir: string;
  files: File[];
}

/** Folders already in `dir`: uploaded into (merged) only if the user says so. */
export interface FolderMerges {
  dir: string;
  folders: FolderUpload<File>[];
}

interface UploadQuestionsProps {
  clashes?: FileClashes;
  merges?: FolderMerges;
  /** Why some uploads were not started (a file over a folder, a folder over a file, an unreadable drop). */
  refused?: string[];
  onReplace: (c: FileClashes) => void;
  onMerge: (m: FolderMerges) => void;
  onDismiss: (which: 'clashes' | 'merges' | 'refused') => void;
}

/** The questions and refusals an upload can raise above the listing. */
export function UploadQuestions({ clashes, merges, refused, onReplace, onMerge, onDismiss }: UploadQuestionsProps) {
  return (
    <>
      {clashes ? (
        <div className="banner banner--info fbrowser__clash" role="group" aria-label="Replace existing files?">
          <div className="banner__body">
            <p className="banner__title">
              {clashes.files.length === 1 ? `${clashes.files[0]!.name} already exists` : `${clashes.files.length} files already exist`} in {clashes.dir}. Replace{' '}
              {clashes.files.length === 1 ? 'it' : 'them'}?
            </p>
          </div>
          <button type="button" className="btn" onClick={() => onReplace(clashes)}>
            Replace
          </button>
          <button type="button" className="btn" onClick={() => onDismiss('clashes')}>
            Keep the existing {clashes.files.length === 1 ? 'file' : 'files'}
          </button>
        </div>
      ) : null}
      {merges ? (
        <div className="banner banner--info fbrowser__clash" role="group" aria-label="Upload into existing folders?">
          <div className="banner__body">
            <p className="banner__title">
              {merges.folders.length === 1 ? `The folder ${merges.folders[0]!.top} already exists` : `${merges.folders.length} folders already exist`} in {merges.dir}. Upload
              into {merges.folders.length === 1 ? 'it' : 'them'}? Files of the same name are replaced.
            </p>
          </div>
          <button type="button" className="btn" onClick={() => onMerge(merges)}>
            Upload into {merges.folders.length === 1 ? 'it' : 'them'}
          </button>
          <button type="button" className="btn" onClick={() => onDismiss('merges')}>
            Don’t upload
          </button>
        </div>
      ) : null}
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
          <button type="button" className="btn" onClick={() => onDismiss('refused')}>
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
