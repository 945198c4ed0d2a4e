import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * The main window opens where it was last closed, with its size and maximized state, as desktop apps
 * do: the state is kept in a small JSON file in Electron's userData folder (under Berth's data dir),
 * written when the window stops moving or resizing and when it closes. A saved position that no
 * longer lies on any display (a monitor unplugged) is dropped: the window then opens centred.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The window's bounds when not maximized (Electron's getNormalBounds). */
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const WINDOW_MIN_SIZE = { width: 900, height: 560 } as const;
/** How much of the saved window must lie on a display's work area for its position to be kept. */
const MIN_VISIBLE = { width: 200, height: 80 } as const;

const stateSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
});

/** The saved state; undefined when there is none, or it cannot be read (said in the log: the window then opens at its default size). */
export function readWindowState(file: string, log: (line: string) => void): WindowState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`window state: ${file} could not be read (${(err as Error).message}); opening at the default size`);
    return undefined;
  }
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log(`window state: ${file} is not what Berth writes (${parsed.error.issues[0]?.message ?? 'invalid'}); opening at the default size`);
  } catch (err) {
    log(`window state: ${file} is not JSON (${(err as Error).message}); opening at the default size`);
  }
  return undefined;
}

/** Written whole or not at all (a temporary file renamed over it), so a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  renameSync(tmp, file);
}

const overlap = (a: Rect, b: Rect) => ({
  width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
  height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
});

/**
 * Where the window opens, given the displays' work areas now: the saved bounds when enough of the
 * window lies on one of them; otherwise no position (Electron centres it) and the saved or default
 * size. The size never exceeds the largest work area, nor goes under the minimum.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): { bounds: Partial<Pick<Rect, 'x' | 'y'>> & Pick<Rect, 'width' | 'height'>; maximized: boolean } {
  // No display known (should not happen): nothing to fit to.
  const largest = workAreas.length ? workAreas.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a)) : { width: Infinity, height: Infinity };
  const size = saved?.bounds ?? WINDOW_DEFAULT_SIZE;
  const width = Math.max(WINDOW_MIN_SIZE.width, Math.min(size.width, largest.width));
  const height = Math.max(WINDOW_MIN_SIZE.height, Math.min(size.height, largest.height));
  const maximized = saved?.maximized ?? false;
  if (!saved) return { bounds: { width, height }, maximized };
  const visible = workAreas.some((area) => {
    const o = overlap({ ...saved.bounds, width, height }, area);
    return o.width >= Math.min(MIN_VISIBLE.width, width) && o.height >= Math.min(MIN_VISIBLE.height, height);
  });
  return { bounds: visible ? { x: saved.bounds.x, y: saved.bounds.y, width, height } : { width, height }, maximized };
}

/** What tracking needs of a BrowserWindow. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window's state `delayMs` after it last moved or resized (a drag sends many events), at
 * once when it is maximized or restored, and when it closes. A failed write is logged, never thrown:
 * a read-only data dir must not break the window. Returns a function that saves any pending change now.
 */
export function trackWindowState(win: TrackedWindow, file: string, log: (line: string) => void, delayMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    const text = JSON.stringify(state);
    if (text === last) return;
    try {
      writeWindowState(file, state);
      last = text;
    } catch (err) {
      log(`window state: could not save ${file} (${(err as Error).message})`);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
  return save;
}
