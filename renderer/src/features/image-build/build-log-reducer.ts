import type { BuildEvent, MovedTag } from '../../../../contract/models/image-build.js';

export type StepStatus = 'running' | 'cached' | 'done' | 'failed' | 'cancelled';

export interface BuildStep {
  index: number;
  total: number;
  instruction: string;
  status: StepStatus;
  /** The last output lines (bounded); `dropped` counts older lines that were let go. */
  output: string[];
  dropped: number;
  layerId?: string;
}

export type BuildFailure = Extract<BuildEvent, { kind: 'failed' }>;

export interface BuildLog {
  phase: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  steps: BuildStep[];
  context?: { files: number; bytes: number; done: boolean };
  failure?: BuildFailure;
  result?: { imageId: string; tags: string[]; moved?: MovedTag[] };
  warnings: string[];
}

export const MAX_LINES_PER_STEP = 500;
const MAX_WARNINGS = 20;

export const idleLog: BuildLog = { phase: 'idle', steps: [], warnings: [] };

export type BuildAction =
  | { type: 'start' }
  | { type: 'events'; events: readonly BuildEvent[] }
  | { type: 'cancelled' }
  | { type: 'error'; message: string }
  /** The inputs changed or a new attempt began: the last failure no longer describes them. */
  | { type: 'inputs-changed' }
  /** Another context folder: the last build (its result, steps and context size) was of the old one. */
  | { type: 'context-changed' };

/** The build log as the UI shows it, folded from the build's events (pure; bounded output per step). */
export function reduceBuildLog(state: BuildLog, action: BuildAction): BuildLog {
  switch (action.type) {
    case 'start':
      return { phase: 'running', steps: [], warnings: [] };
    case 'cancelled':
      return state.phase === 'running' ? { ...state, phase: 'cancelled', steps: state.steps.map((s) => stopRunning(s, 'cancelled')) } : state;
    case 'error':
      return { ...state, phase: 'failed', steps: state.steps.map((s) => stopRunning(s, 'failed')), failure: { kind: 'failed', message: action.message } };
    case 'inputs-changed':
      // The steps stay as the last build's record; its failure ("Dockerfile … does not exist") goes.
      return state.phase === 'failed' && state.failure ? { ...state, failure: undefined } : state;
    case 'context-changed':
      return state.phase === 'running' || state.phase === 'idle' ? state : idleLog;
    case 'events': {
      let next = { ...state, steps: state.steps.slice() };
      for (const ev of action.events) next = apply(next, ev);
      return next;
    }
  }
}

/** The step still running when the build ended: it failed with the build, or was cancelled with it (not its fault). */
function stopRunning(s: BuildStep, status: 'failed' | 'cancelled'): BuildStep {
  return s.status === 'running' ? { ...s, status } : s;
}

function apply(state: BuildLog, ev: BuildEvent): BuildLog {
  const steps = state.steps;
  const at = (index: number) => steps.findIndex((s) => s.index === index);
  const update = (index: number, fn: (s: BuildStep) => BuildStep) => {
    const i = at(index);
    if (i >= 0) steps[i] = fn(steps[i]!);
  };
  switch (ev.kind) {
    case 'context':
      return { ...state, context: { files: ev.files, bytes: ev.bytes, done: ev.done } };
    case 'step': {
      // The previous step is over when the next starts (FROM steps print no "Using cache").
      for (let i = 0; i < steps.length; i++) if (steps[i]!.status === 'running') steps[i] = { ...steps[i]!, status: 'done' };
      steps.push({ index: ev.index, total: ev.total, instruction: ev.instruction, status: 'running', output: [], dropped: 0 });
      return state;
    }
    case 'output': {
      if (at(ev.step) < 0) steps.push({ index: ev.step, total: 0, instruction: ev.step ? `Step ${ev.step}` : 'Preparing', status: 'running', output: [], dropped: 0 });
      update(ev.step, (s) => {
        const output = s.output.length >= MAX_LINES_PER_STEP ? s.output.slice(1) : s.output.slice();
        output.push(ev.text);
        return { ...s, output, dropped: s.dropped + (s.output.length >= MAX_LINES_PER_STEP ? 1 : 0) };
      });
      return state;
    }
    case 'cached':
      update(ev.step, (s) => ({ ...s, status: 'cached' }));
      return state;
    case 'step-done':
      update(ev.step, (s) => ({ ...s, status: s.status === 'cached' ? 'cached' : 'done', layerId: ev.layerId }));
      return state;
    case 'failed':
      if (ev.step !== undefined) update(ev.step, (s) => ({ ...s, status: 'failed' }));
      return { ...state, phase: 'failed', failure: ev, steps: steps.map((s) => stopRunning(s, 'failed')) };
    case 'done':
      return { ...state, phase: 'done', result: { imageId: ev.imageId, tags: ev.tags, ...(ev.moved ? { moved: ev.moved } : {}) }, steps: steps.map((s) => (s.status === 'running' ? { ...s, status: 'done' } : s)) };
    case 'warning':
      return state.warnings.length >= MAX_WARNINGS ? state : { ...state, warnings: [...state.warnings, ev.text] };
  }
}

/** The failing step, when the failure names one. */
export function failedStep(log: BuildLog): BuildStep | undefined {
  const n = log.failure?.step;
  return n === undefined ? undefined : log.steps.find((s) => s.index === n);
}
