import type { BerthApi, ContainerSummary } from '../../../../contract/index.js';
import { routes } from '../../app/routes.js';
import { imageDetailsHref } from '../images/image-title.js';

export type PaletteKind = 'Page' | 'Container' | 'Image' | 'Volume' | 'Network' | 'Compose project';

export interface PaletteCommand {
  id: string;
  kind: PaletteKind;
  /** The object's name (or the page's). */
  name: string;
  /** What Enter does: "Open", "Stop"… */
  action: string;
  /** The key that does the same on its page, where one exists. */
  shortcut?: string;
  /** Words that find it without being shown: its short id, other names for the action or page (see keywordsOf). */
  keywords?: string;
  run(): Promise<unknown> | void;
}

/** Other words people type for an action: Docker's own ("exec", "inspect") and other tools' ("shell", "console"). */
const ACTION_WORDS: Record<string, string> = {
  Open: 'details inspect show',
  Terminal: 'shell exec console bash sh attach',
  Logs: 'output log',
  Stop: 'halt',
  Restart: 'reboot reload',
  Pause: 'freeze suspend',
  Unpause: 'resume unfreeze continue',
  Start: 'up launch',
  'Remove…': 'delete rm',
  'Kill…': 'sigkill signal',
};

/** Other words for the pages, as other container tools and the Docker CLI name them. */
const PAGE_WORDS: Record<string, string> = {
  containers: 'ps',
  compose: 'projects stacks',
  images: 'pull build',
  registries: 'login search hub',
  'disk-usage': 'space storage prune df',
  engine: 'docker dockerd daemon vm',
  settings: 'preferences options config',
  'recently-removed': 'recycle bin trash deleted restore undo',
};

/** A short id as the Docker CLI prints it: 12 hex digits, without the digest's "sha256:". */
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export interface PaletteSources {
  containers: readonly ContainerSummary[];
  /** One per tag (`tag` set), or one named by its short id when dangling. */
  images: readonly { id: string; name: string; tag?: string }[];
  volumes: readonly string[];
  networks: readonly string[];
}

type ActionsApi = Pick<BerthApi['containers'], 'start' | 'stop' | 'restart' | 'pause' | 'unpause'>;

/** Opens the confirm (remove) or signal (kill) dialog for one container: the palette closes, the dialog asks. */
export type AskAction = (kind: 'remove' | 'kill', target: { id: string; name: string; state: ContainerSummary['state'] }) => void;

const go = (hash: string) => () => void (window.location.hash = hash);
const enc = encodeURIComponent;

/** Every command the palette offers for what exists now; the palette filters them by fuzzy match on `textOf`. */
export function buildCommands(src: PaletteSources, api: { containers: ActionsApi }, ask?: AskAction): PaletteCommand[] {
  const out: PaletteCommand[] = routes.map((r) => ({ id: `page:${r.id}`, kind: 'Page', name: r.label, action: 'Go to', keywords: PAGE_WORDS[r.id], run: go(`#/${r.id}`) }));
  const projects = new Set<string>();
  for (const c of src.containers) {
    const project = c.labels['com.docker.compose.project'];
    if (project) projects.add(project);
    const keywords = (action: string) => `${shortId(c.id)} ${ACTION_WORDS[action] ?? ''}`;
    const cmd = (action: string, run: () => Promise<unknown> | void, shortcut?: string): PaletteCommand => ({ id: `container:${c.id}:${action}`, kind: 'Container', name: c.name, action, shortcut, keywords: keywords(action), run });
    out.push(cmd('Open', go(`#/containers/${enc(c.id)}`), 'Enter'));
    if (c.state === 'running' || c.state === 'restarting') {
      out.push(cmd('Stop', () => api.containers.stop({ id: c.id }), 'x'));
      out.push(cmd('Restart', () => api.containers.restart({ id: c.id }), 'r'));
      out.push(cmd('Pause', () => api.containers.pause({ id: c.id }), 'p'));
      out.push(cmd('Logs', go(`#/containers/${enc(c.id)}/logs`)));
      out.push(cmd('Terminal', go(`#/containers/${enc(c.id)}/terminal`)));
    } else if (c.state === 'paused') {
      out.push(cmd('Unpause', () => api.containers.unpause({ id: c.id }), 'p'));
    } else {
      out.push(cmd('Start', () => api.containers.start({ id: c.id }), 's'));
      out.push(cmd('Logs', go(`#/containers/${enc(c.id)}/logs`)));
    }
    if (ask) {
      const target = { id: c.id, name: c.name, state: c.state };
      if (c.state === 'running' || c.state === 'restarting' || c.state === 'paused') out.push(cmd('Kill…', () => ask('kill', target), 'k'));
      out.push(cmd('Remove…', () => ask('remove', target), 'Delete'));
    }
  }
  for (const i of src.images) out.push({ id: `image:${i.id}:${i.name}`, kind: 'Image', name: i.name, action: 'Open', keywords: `${shortId(i.id)} ${ACTION_WORDS.Open}`, run: go(imageDetailsHref(i.id, 'inspect', i.tag)) });
  for (const v of src.volumes) out.push({ id: `volume:${v}`, kind: 'Volume', name: v, action: 'Open', run: go(`#/volumes/${enc(v)}`) });
  for (const n of src.networks) out.push({ id: `network:${n}`, kind: 'Network', name: n, action: 'Open', run: go(`#/networks/${enc(n)}`) });
  for (const p of projects) out.push({ id: `compose:${p}`, kind: 'Compose project', name: p, action: 'Open', run: go('#/compose') });
  return out;
}

/** What the query is matched against: the name first, then the action and the kind ("web stop", "redis image"). */
export function textOf(c: PaletteCommand): string {
  return `${c.name} ${c.action} ${c.kind}`;
}

/** The words that also find a command, matched only at their start (see fuzzyScore). */
export function keywordsOf(c: PaletteCommand): string {
  return c.keywords ?? '';
}
