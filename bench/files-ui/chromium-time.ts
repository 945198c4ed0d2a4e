import { readdirSync, readFileSync } from 'node:fs';
import { fmt } from '../support/stats.js';

/**
 * Where Chromium's time went during a copy: CPU time of its process tree by process type (from /proc),
 * and text summaries of a V8 CPU profile (self time by function) and of a Chrome trace (busy time and
 * top events per thread).
 */

/** CPU time (ms) of the process tree under `root`, by Chromium process type. */
export function treeCpu(root: number): Record<string, number> {
  const procs: { pid: number; ppid: number; ticks: number }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // state ppid … utime(14) stime(15) cutime(16) cstime(17): fields from index 0 = state (field 3).
      procs.push({ pid: Number(d), ppid: Number(f[1]), ticks: f.slice(11, 15).reduce((a, b) => a + Number(b), 0) });
    } catch {
      // gone meanwhile
    }
  }
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (inTree.has(p.pid) || !inTree.has(p.ppid)) continue;
      inTree.add(p.pid);
      grew = true;
    }
  }
  const out: Record<string, number> = {};
  for (const p of procs) {
    if (!inTree.has(p.pid)) continue;
    let type = 'browser';
    try {
      const cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
      type = /--utility-sub-type=network\./.test(cmd) ? 'network' : (/--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser');
    } catch {
      // gone meanwhile
    }
    out[type] = (out[type] ?? 0) + p.ticks * 10;
  }
  return out;
}

export const diffCpu = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(b).map((k) => [k, b[k]! - (a[k] ?? 0)]));
export const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Per process and thread (by name), the busy time and the trace events with the most self time. */
export function summariseTrace(events: TraceEvent[]): string {
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}/${e.tid}`, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '?');
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) if (e.ph === 'X' && e.dur !== undefined) (byThread.get(`${e.pid}/${e.tid}`) ?? byThread.set(`${e.pid}/${e.tid}`, []).get(`${e.pid}/${e.tid}`)!).push(e);
  const lines: { busy: number; text: string }[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    let busy = 0;
    const pop = () => {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + top.e.dur! - top.child);
    };
    for (const e of list) {
      while (stack.length && stack.at(-1)!.end <= e.ts) pop();
      if (stack.length) stack.at(-1)!.child += e.dur!;
      else busy += e.dur!;
      stack.push({ e, end: e.ts + e.dur!, child: 0 });
    }
    while (stack.length) pop();
    const pid = Number(key.split('/')[0]);
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${fmt(v / 1000, 0)}`).join(', ');
    lines.push({ busy, text: `${processName.get(pid) ?? pid}/${threadName.get(key) ?? key}: busy ${fmt(busy / 1000, 0)} ms (${top})` });
  }
  return lines.sort((a, b) => b.busy - a.busy).slice(0, 6).map((l) => l.text).join('; ');
}

/** Self time by function (name, file:line), largest first, as text. */
export function topSelf(profile: CpuProfile, n = 14): string {
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split("/").pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const busy = total - (self.get('(idle)') ?? 0);
  return `sampled ${fmt(total, 0)} ms, not idle ${fmt(busy, 0)} ms; top self time: ${[...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${fmt(v, 0)}`).join('; ')}`;
}
