import type { DomainImplementation } from '../../contract/define.js';
import type { EngineChoice, EngineFrom, SettingsView, settingsApi } from '../../contract/domains/settings.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { AsyncQueue } from '../streams/async-queue.js';

/** The Settings page's back end: read, watch and change the one SettingsStore built in backend.ts. */
export function createSettingsService(store: SettingsStore, engine: { choice: EngineChoice; from: EngineFrom }): DomainImplementation<typeof settingsApi> {
  const view = (): SettingsView => ({
    settings: store.get(),
    file: store.file,
    ...(store.problem ? { problem: store.problem } : {}),
    engineInEffect: engine.choice,
    engineFrom: engine.from,
    vmHost: store.vmHost(),
  });
  return {
    get: () => Promise.resolve(view()),
    watch: (_args, ctx) => {
      const sub = store.onChange(() => queue.push(view()));
      const queue = new AsyncQueue<SettingsView>({ capacity: 4, key: () => 'settings', signal: ctx.signal, onClose: () => sub.dispose() });
      queue.push(view());
      return queue;
    },
    update: async ({ patch }) => {
      await store.update(patch);
      return view();
    },
    dismissProblem: () => {
      store.dismissProblem();
      return Promise.resolve(view());
    },
  };
}
