import type { SliceGet, SliceSet } from '../../lib/slice.js';
import type { ContainerActionKind } from './action-defs.js';

export interface BulkProgress {
  kind: ContainerActionKind;
  total: number;
  done: number;
  failed: number;
}

export interface ActionFailure {
  name: string;
  message: string;
}

/**
 * Where a notice was raised, and so where it shows: the Containers list, a container's details page,
 * the command palette (which can run an action from any page: its notices show over whichever page is
 * open), or a job of the window's that ended while its page was not shown (the diagnostics bundle:
 * over whichever page is open too).
 */
export type NoticeScope = 'list' | 'details' | 'palette' | 'app';

export interface ActionNotice {
  id: number;
  /** success and info fade; warning (it worked, but mind this) and error stay until dismissed. */
  tone: 'success' | 'info' | 'warning' | 'error';
  title: string;
  failures: ActionFailure[];
  /** Where it was raised (so each place shows its own). */
  scope: NoticeScope;
}

export interface ActionsState {
  /** Containers with an action under way (id → action). */
  pendingActions: ReadonlyMap<string, ContainerActionKind>;
  bulkProgress?: BulkProgress;
  actionNotices: readonly ActionNotice[];
  noticeSeq: number;
}

export interface ActionsActions {
  actionsStarted(ids: readonly string[], kind: ContainerActionKind): void;
  actionFinished(id: string): void;
  setBulkProgress(progress: BulkProgress | undefined): void;
  pushNotice(notice: Omit<ActionNotice, 'id'>): number;
  dismissNotice(id: number): void;
}

export type ActionsSlice = ActionsState & ActionsActions;

/** Most notices kept on screen; older ones go first. */
export const MAX_NOTICES = 4;

export const initialActionsState: ActionsState = { pendingActions: new Map(), bulkProgress: undefined, actionNotices: [], noticeSeq: 0 };

export function createActionsSlice(set: SliceSet<ActionsSlice>, get: SliceGet<ActionsSlice>): ActionsSlice {
  return {
    ...initialActionsState,
    actionsStarted(ids, kind) {
      set((s) => {
        const next = new Map(s.pendingActions);
        for (const id of ids) next.set(id, kind);
        return { pendingActions: next };
      });
    },
    actionFinished(id) {
      if (!get().pendingActions.has(id)) return;
      set((s) => {
        const next = new Map(s.pendingActions);
        next.delete(id);
        return { pendingActions: next };
      });
    },
    setBulkProgress(progress) {
      set({ bulkProgress: progress });
    },
    pushNotice(notice) {
      const id = get().noticeSeq + 1;
      set((s) => ({ noticeSeq: id, actionNotices: [...s.actionNotices, { ...notice, id }].slice(-MAX_NOTICES) }));
      return id;
    },
    dismissNotice(id) {
      set((s) => ({ actionNotices: s.actionNotices.filter((n) => n.id !== id) }));
    },
  };
}
