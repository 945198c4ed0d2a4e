import { describe, expect, it } from 'vitest';
import { loadProfiles, MAX_REMEMBERED, saveProfiles } from './chosen-profiles.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('chosen profiles', () => {
  it('gives back the profiles applied to a project, per project, and forgets them when cleared', () => {
    const s = memoryStorage();
    expect(loadProfiles('shop', s)).toEqual([]);
    saveProfiles('shop', ['debug', 'tools'], s);
    saveProfiles('blog', ['dev'], s);
    expect(loadProfiles('shop', s)).toEqual(['debug', 'tools']);
    expect(loadProfiles('blog', s)).toEqual(['dev']);
    saveProfiles('shop', [], s);
    expect(loadProfiles('shop', s)).toEqual([]);
    expect(loadProfiles('blog', s)).toEqual(['dev']);
  });

  it('survives a broken or foreign value and keeps at most MAX_REMEMBERED projects, the newest', () => {
    expect(loadProfiles('shop', memoryStorage({ 'berth.compose.profiles': '{not json' }))).toEqual([]);
    expect(loadProfiles('shop', memoryStorage({ 'berth.compose.profiles': '{"shop":"debug","x":[1]}' }))).toEqual([]);
    const s = memoryStorage();
    for (let i = 0; i <= MAX_REMEMBERED; i++) saveProfiles(`p${i}`, ['a'], s);
    expect(loadProfiles('p0', s)).toEqual([]);
    expect(loadProfiles(`p${MAX_REMEMBERED}`, s)).toEqual(['a']);
    expect(Object.keys(JSON.parse(s.data.get('berth.compose.profiles')!) as object)).toHaveLength(MAX_REMEMBERED);
  });
});
