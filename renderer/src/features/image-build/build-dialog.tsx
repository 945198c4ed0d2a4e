import { useEffect, useReducer, useRef, useState, type FormEvent } from 'react';
import type { Disposable } from '../../../../contract/index.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Modal, ModalCloseButton } from '../../ui/modal.js';
import { jobClosingQuestion } from '../../ui/job-closing.js';
import { Spinner } from '../../ui/spinner.js';
import { imageDetailsHref } from '../images/image-title.js';
import { BuildFailure } from './build-failure.js';
import { emptyForm, isBuildFormChanged, toBuildArgs, type BuildForm, type FormErrors } from './build-form-model.js';
import { BuildFormFields } from './build-form.js';
import { idleLog, reduceBuildLog } from './build-log-reducer.js';
import { BuildSteps } from './build-steps.js';
import { useFocusBack } from './use-focus-back.js';

interface Props {
  initialContext?: string;
  onClose(context: string): void;
}

/**
 * "Build an image": the inputs, then the live log step by step, with cancel. Closing asks first while
 * a build runs (closing stops it: an Escape pressed by habit must not throw away minutes of building)
 * and while the inputs changed since the dialog opened or the last build started.
 */
export function BuildDialog({ initialContext, onClose }: Props) {
  const api = useApi();
  const [form, setForm] = useState<BuildForm>(() => emptyForm(initialContext ?? ''));
  // What the form held when it opened, then at each build started: closing loses nothing beyond it.
  const [settled, setSettled] = useState<BuildForm>(form);
  const [errors, setErrors] = useState<FormErrors>({});
  const [log, dispatch] = useReducer(reduceBuildLog, idleLog);
  const sub = useRef<Disposable | undefined>(undefined);
  const running = log.phase === 'running';
  // A finished build with its inputs unchanged closes at once.
  const dirty = running || isBuildFormChanged(form, settled);
  const focusBack = useFocusBack(running);

  useEffect(() => () => sub.current?.dispose(), []);

  const start = (e: FormEvent) => {
    e.preventDefault();
    const checked = toBuildArgs(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      // A new attempt: the last build's failure must not sit beside this one's input errors.
      dispatch({ type: 'inputs-changed' });
      return;
    }
    setErrors({});
    setSettled(form);
    sub.current?.dispose();
    focusBack.remember();
    dispatch({ type: 'start' });
    sub.current = api.images.build(checked.args, {
      next: (events) => dispatch({ type: 'events', events }),
      error: (err) => {
        sub.current = undefined;
        dispatch({ type: 'error', message: err.message });
      },
      complete: () => {
        sub.current = undefined;
      },
    });
  };

  const onFormChange = (next: BuildForm) => {
    setForm(next);
    // A "Built …" result (and its steps) describes the old context folder, not the one now typed.
    dispatch({ type: next.context.trim() !== form.context.trim() ? 'context-changed' : 'inputs-changed' });
  };

  const cancel = () => {
    sub.current?.dispose();
    sub.current = undefined;
    dispatch({ type: 'cancelled' });
  };

  const close = () => {
    sub.current?.dispose();
    sub.current = undefined;
    // The context of the last build (or the one it opened with): a discarded one is not remembered.
    onClose(settled.context);
  };

  const cachedCount = log.steps.filter((s) => s.status === 'cached').length;

  return (
    <Modal
      title="Build an image"
      closeLabel="Close the build dialog"
      size="large"
      className="build-dialog"
      closeOnBackdrop={false}
      dirty={dirty}
      {...jobClosingQuestion('build', running, 'Discard this build’s settings?')}
      onClose={close}
      footer={
        <>
          {running ? (
            <button type="button" className="btn" onClick={cancel}>
              Cancel build
            </button>
          ) : (
            // As Pull and Tag have: Close (asking first when the form was changed), not only the ✕.
            <ModalCloseButton className="btn">Close</ModalCloseButton>
          )}
          <button type="submit" form="build-form" className="btn btn--primary" disabled={running}>
            {running ? <Spinner /> : null}
            {running ? 'Building…' : log.phase === 'idle' ? 'Build' : 'Build again'}
          </button>
        </>
      }
    >
      <form id="build-form" className="build-dialog__body" onSubmit={start} noValidate>
        <BuildFormFields form={form} errors={errors} disabled={running} onChange={onFormChange} />
      </form>
      {log.phase !== 'idle' ? (
        <section className="build-dialog__log" aria-label="Build log">
          <div className="build-dialog__status" role="status">
            {running ? (log.steps.length ? `Building: step ${log.steps.at(-1)!.index} of ${log.steps.at(-1)!.total}` : 'Sending the build context…') : null}
            {log.phase === 'cancelled' ? 'The build was cancelled.' : null}
            {log.phase === 'done' && log.result ? (
              <>
                Built <code>{shortId(log.result.imageId)}</code>
                {log.result.tags.length ? <> tagged {log.result.tags.join(', ')}</> : null}
                {cachedCount ? ` (${cachedCount} step${cachedCount > 1 ? 's' : ''} from cache)` : null}.{' '}
                {/* Titled by the (first) tag just built, not by whichever tag of the image sorts first. */}
                <a href={imageDetailsHref(log.result.imageId, 'layers', log.result.tags[0])} onClick={() => close()}>
                  Explore its layers
                </a>
                {log.result.moved?.map((m) => (
                  <span key={m.tag} className="build-dialog__moved">
                    <code>{m.tag}</code> named image <code>{shortId(m.previousId)}</code> before this build
                    {m.untagged ? ', which now has no tag: it stays as a <none> image until removed or pruned.' : ', which keeps its other tags.'}
                  </span>
                ))}
              </>
            ) : null}
            {log.context ? (
              <span className="muted build-dialog__context">
                {' '}
                Context: {log.context.files} file{log.context.files === 1 ? '' : 's'}, {formatBytes(log.context.bytes)}
              </span>
            ) : null}
          </div>
          {log.phase === 'failed' ? <BuildFailure log={log} /> : null}
          <BuildSteps steps={log.steps} />
          {log.warnings.length ? (
            <ul className="build-dialog__warnings" aria-label="Warnings">
              {log.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </Modal>
  );
}

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
