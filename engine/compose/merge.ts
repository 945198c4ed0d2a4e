/**
 * Merging compose definitions (later files over earlier ones, and a service over the one it extends),
 * by the compose spec's rules: mappings merge key by key; environment and labels merge by variable
 * name whichever syntax each side used; ports, expose, dns and the like are appended; volumes are
 * merged by their container path; command, entrypoint and other scalars are replaced.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const appended = new Set(['ports', 'expose', 'dns', 'cap_add', 'cap_drop', 'env_file', 'tmpfs', 'profiles']);
const byName = new Set(['environment', 'labels', 'extra_hosts']);
const replaced = new Set(['command', 'entrypoint', 'image', 'user', 'working_dir', 'restart', 'container_name', 'hostname', 'network_mode', 'stop_signal', 'stop_grace_period', 'extends']);

/** A list of KEY=VALUE (or KEY) as a mapping; a mapping as it is. */
export function asNameMap(v: unknown, sep = '='): Obj {
  if (isObj(v)) return v;
  const out: Obj = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item);
      const i = s.indexOf(sep);
      if (i < 0) out[s] = null;
      else out[s.slice(0, i)] = s.slice(i + 1);
    }
  }
  return out;
}

/** A list of names (or a mapping) as a mapping name → definition. */
function asKeyMap(v: unknown): Obj {
  if (isObj(v)) return v;
  return Array.isArray(v) ? Object.fromEntries(v.map((k) => [String(k), null])) : {};
}

function volumeTarget(v: unknown): string | undefined {
  if (isObj(v)) return typeof v.target === 'string' ? v.target : undefined;
  if (typeof v !== 'string') return undefined;
  const parts = v.split(':');
  return parts.length === 1 ? parts[0] : parts[1];
}

export function mergeService(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    if (prev === undefined || value === undefined) out[key] = value === undefined ? prev : value;
    else if (key === 'build') out[key] = isObj(prev) && isObj(value) ? deepMerge(prev, value) : isObj(prev) && typeof value === 'string' ? { ...prev, context: value } : isObj(value) && typeof prev === 'string' ? { context: prev, ...value } : value;
    else if (appended.has(key)) out[key] = [...asList(prev), ...asList(value)];
    else if (byName.has(key)) out[key] = { ...asNameMap(prev, key === 'extra_hosts' ? ':' : '='), ...asNameMap(value, key === 'extra_hosts' ? ':' : '=') };
    else if (key === 'volumes') {
      const merged = new Map<string, unknown>();
      for (const v of [...asList(prev), ...asList(value)]) merged.set(volumeTarget(v) ?? JSON.stringify(v), v);
      out[key] = [...merged.values()];
    } else if (key === 'networks' || key === 'depends_on') out[key] = deepMerge(asKeyMap(prev), asKeyMap(value));
    else if (replaced.has(key)) out[key] = value;
    else out[key] = isObj(prev) && isObj(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(out[k]) && isObj(v) ? deepMerge(out[k], v) : v;
  return out;
}

/** Several files' top levels merged in order. */
export function mergeFiles(files: Obj[]): Obj {
  const out: Obj = {};
  for (const f of files) {
    for (const [key, value] of Object.entries(f)) {
      if (key === 'services' && isObj(value)) {
        const services = isObj(out.services) ? { ...out.services } : {};
        for (const [name, svc] of Object.entries(value)) {
          services[name] = isObj(services[name]) && isObj(svc) ? mergeService(services[name], svc) : svc;
        }
        out.services = services;
      } else if ((key === 'networks' || key === 'volumes') && isObj(value)) {
        out[key] = deepMerge(isObj(out[key]) ? out[key] : {}, value);
      } else {
        out[key] = value;
      }
    }
  }
  return out;
}
