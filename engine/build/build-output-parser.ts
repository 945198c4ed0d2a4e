import type { BuildEvent } from '../../contract/models/image-build.js';
import type { NdjsonItem } from '../streams/ndjson.js';
import { fromStepMessage } from './from-step-error.js';

const MAX_LINE = 4096;
const MAX_PENDING = 64 * 1024;
const TAIL = 30;

/**
 * Turns the classic builder's NDJSON output (POST /build) into build events. The engine sends text in
 * `{"stream": "..."}` pieces that do not follow line boundaries ("Step 2/5 : RUN x" then "\n"), so
 * text is re-assembled into lines first. Recognised lines: "Step i/n : INSTR", " ---> Using cache",
 * " ---> <id>" (the step's result), "Successfully built/tagged"; `aux.ID` carries the image id;
 * `errorDetail` ends the build with the failing step's instruction and its last output lines.
 */
export class BuildOutputParser {
  private pending = '';
  private step = 0;
  private instruction?: string;
  private stepResult = false;
  /** The current step ran a container ("Running in"), so its result is an image this build committed. */
  private stepRan = false;
  private committed: string[] = [];
  private tail: string[] = [];
  private imageId?: string;
  private tags: string[] = [];
  private failed = false;

  /** Feed one item from readNdjson. */
  push(item: NdjsonItem): BuildEvent[] {
    if (!item.ok) return [{ kind: 'warning', text: item.error.message }];
    const v = item.value as { stream?: unknown; aux?: { ID?: unknown }; error?: unknown; errorDetail?: { message?: unknown; code?: unknown }; status?: unknown; progress?: unknown };
    if (!v || typeof v !== 'object') return [];
    const out: BuildEvent[] = [];
    if (typeof v.stream === 'string') this.text(v.stream, out);
    if (typeof v.status === 'string') this.line(typeof v.progress === 'string' ? `${v.status} ${v.progress}` : v.status, out);
    if (v.aux && typeof v.aux.ID === 'string') this.imageId = v.aux.ID;
    if (v.errorDetail || typeof v.error === 'string') {
      this.flush(out);
      const message = (typeof v.errorDetail?.message === 'string' ? v.errorDetail.message : typeof v.error === 'string' ? v.error : '') || 'The build failed';
      const code = typeof v.errorDetail?.code === 'number' ? v.errorDetail.code : undefined;
      this.failed = true;
      out.push({
        kind: 'failed',
        message: fromStepMessage(message.trim(), this.instruction),
        ...(this.step ? { step: this.step } : {}),
        ...(this.instruction ? { instruction: this.instruction } : {}),
        ...(code !== undefined ? { exitCode: code } : {}),
      });
    }
    return out;
  }

  /** The output ended: the last partial line, then `done` (unless the build failed). */
  end(): BuildEvent[] {
    const out: BuildEvent[] = [];
    this.flush(out);
    if (this.failed) return out;
    if (!this.imageId) {
      out.push({ kind: 'failed', message: 'The engine ended the build without reporting an image', ...(this.step ? { step: this.step } : {}) });
      this.failed = true;
      return out;
    }
    out.push({ kind: 'done', imageId: this.imageId, tags: this.tags });
    return out;
  }

  /** The last output lines of the current step (for failure reports). */
  get outputTail(): readonly string[] {
    return this.tail;
  }

  private text(chunk: string, out: BuildEvent[]): void {
    this.pending += chunk;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      this.line(line, out);
    }
    if (this.pending.length > MAX_PENDING) {
      this.line(this.pending, out);
      this.pending = '';
    }
  }

  private flush(out: BuildEvent[]): void {
    if (this.pending) this.line(this.pending, out);
    this.pending = '';
  }

  /**
   * The images this build committed so far, oldest first: each step that ran a container (not FROM's
   * base image, not a cached step's image, which an earlier build made). A cancelled build leaves
   * them behind untagged; these are the ones it may take back.
   */
  committedImages(): readonly string[] {
    return this.committed;
  }

  /** The engine said the build finished ("Successfully built", or the image id in `aux`). */
  built(): boolean {
    return this.imageId !== undefined;
  }

  private line(raw: string, out: BuildEvent[]): void {
    // Progress lines rewrite themselves with "\r": keep what is visible last.
    const text = raw.includes('\r') ? (raw.split('\r').filter(Boolean).pop() ?? '') : raw;
    if (!text.trim()) return;
    const step = /^Step (\d+)\/(\d+) : (.*)$/s.exec(text);
    if (step) {
      this.step = Number(step[1]);
      this.instruction = step[3]!.trim();
      this.stepResult = false;
      this.stepRan = false;
      this.tail = [];
      out.push({ kind: 'step', index: this.step, total: Number(step[2]), instruction: this.instruction });
      return;
    }
    if (/^ ---> Using cache\s*$/.test(text)) {
      out.push({ kind: 'cached', step: this.step });
      return;
    }
    if (/^ ---> Running in [0-9a-f]+\s*$/.test(text)) {
      this.stepRan = true;
      return;
    }
    if (/^Removing intermediate container [0-9a-f]+\s*$/.test(text)) return;
    const result = /^ ---> ([0-9a-f]{12,64})\s*$/.exec(text);
    if (result && this.step && !this.stepResult) {
      this.stepResult = true;
      if (this.stepRan) this.committed.push(result[1]!);
      out.push({ kind: 'step-done', step: this.step, layerId: result[1]! });
      return;
    }
    const built = /^Successfully built ([0-9a-f]+)\s*$/.exec(text);
    if (built) {
      if (!this.imageId) this.imageId = built[1]!;
      return;
    }
    const tagged = /^Successfully tagged (\S+)\s*$/.exec(text);
    if (tagged) {
      this.tags.push(tagged[1]!);
      return;
    }
    const clipped = text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
    this.tail.push(clipped);
    if (this.tail.length > TAIL) this.tail.shift();
    out.push({ kind: 'output', step: this.step, text: clipped });
  }
}
