import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFakeElectron, screen } from './testing/fake-electron.js';
import { createMainWindow } from './window.js';
import { placeWindow, readWindowState, trackWindowState, writeWindowState } from './window-state.js';

const screen1 = { x: 0, y: 0, width: 1920, height: 1040 };
const screen2 = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(undefined, [screen1])).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });

  it('keeps the saved position and size while they lie on a display, the second monitor too', () => {
    expect(placeWindow({ bounds: { x: 2100, y: 50, width: 1500, height: 900 }, maximized: true }, [screen1, screen2])).toEqual({
      bounds: { x: 2100, y: 50, width: 1500, height: 900 },
      maximized: true,
    });
  });

  it('drops a position no display shows any more (the monitor was unplugged), keeping the size that fits', () => {
    expect(placeWindow({ bounds: { x: 2100, y: 50, width: 2400, height: 1300 }, maximized: false }, [screen1])).toEqual({ bounds: { width: 1920, height: 1040 }, maximized: false });
    // Barely on screen (a sliver of 50 px) is as good as off it.
    expect(placeWindow({ bounds: { x: 1870, y: 100, width: 1000, height: 700 }, maximized: false }, [screen1]).bounds.x).toBeUndefined();
  });

  it('never opens smaller than the window’s minimum', () => {
    expect(placeWindow({ bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false }, [screen1]).bounds).toEqual({ x: 10, y: 10, width: 900, height: 560 });
  });
});

describe('the saved state file', () => {
  let dir: string;
  const log = vi.fn();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-window-state-'));
    log.mockClear();
    resetFakeElectron();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips, and is not there on a first start (nothing logged)', () => {
    const file = join(dir, 'electron', 'window-state.json');
    expect(readWindowState(file, log)).toBeUndefined();
    expect(log).not.toHaveBeenCalled();
    writeWindowState(file, { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false });
    expect(readWindowState(file, log)).toEqual({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false });
  });

  it('a broken or foreign file is reported and the default size used', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"bounds": ');
    expect(readWindowState(file, log)).toBeUndefined();
    writeFileSync(file, '{"bounds": {"x": 1}, "maximized": "yes"}');
    expect(readWindowState(file, log)).toBeUndefined();
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('is not JSON'), expect.stringContaining('is not what Berth writes')]);
  });

  it('the window reopens where it was moved, resized and maximized, and opens centred once that display is gone', async () => {
    vi.useFakeTimers();
    try {
      const file = join(dir, 'window-state.json');
      screen.displays = [{ workArea: screen1 }, { workArea: screen2 }];
      createMainWindow({ preloadPath: '/p', stateFile: file, log });
      const first = BrowserWindow.instances[0]!;
      expect(first.options).toMatchObject({ width: 1280, height: 820, minWidth: 900, minHeight: 560 });
      expect(first.options.x).toBeUndefined();
      // A drag sends many events; the file is written once it stops.
      first.userSetBounds({ x: 2000, y: 100 });
      first.userSetBounds({ x: 2010, y: 110 });
      first.userSetBounds({ width: 1600, height: 1000 });
      expect(() => readFileSync(file)).toThrow();
      await vi.advanceTimersByTimeAsync(600);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 2010, y: 110, width: 1600, height: 1000 }, maximized: false });
      first.maximize();
      first.close();

      createMainWindow({ preloadPath: '/p', stateFile: file, log });
      const second = BrowserWindow.instances[1]!;
      expect(second.options).toMatchObject({ x: 2010, y: 110, width: 1600, height: 1000 });
      // Maximized again, but only when its first paint is ready (maximize() shows the window).
      expect(second.shown).toBe(false);
      second.emit('ready-to-show');
      expect(second.maximized).toBe(true);
      second.close();

      screen.displays = [{ workArea: screen1 }];
      createMainWindow({ preloadPath: '/p', stateFile: file, log });
      expect(BrowserWindow.instances[2]!.options).toMatchObject({ width: 1600, height: 1000 });
      expect(BrowserWindow.instances[2]!.options.x).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a save that fails is logged, never thrown', () => {
    const win = new BrowserWindow({ width: 1000, height: 700 });
    const save = trackWindowState(win, join(dir, 'no', '\0bad'), log);
    expect(() => save()).not.toThrow();
    expect(String(log.mock.calls[0]?.[0])).toContain('window state: could not save');
  });
});
