/** What the Tab order needs to know of a focusable element (read from the DOM by `tabStops`). */
export interface TabCandidate {
  /** The element's tabIndex: 0 for natively focusable ones, > 0 to come first, < 0 never reached by Tab. */
  tabIndex: number;
  /** For a radio button: its group and whether it is the checked one (a group is one Tab stop). */
  radio?: { group: string; checked: boolean };
}

/**
 * The Tab order of candidates given in document order, as indices: positive tabIndex first (ascending,
 * ties in document order), then tabIndex 0 in document order. A radio group is one stop: its checked
 * button, or its first when none is checked.
 */
export function tabOrder(items: readonly TabCandidate[]): number[] {
  const checkedGroups = new Set(items.flatMap((i) => (i.radio?.checked ? [i.radio.group] : [])));
  const seenGroups = new Set<string>();
  const stops: number[] = [];
  items.forEach((item, index) => {
    if (item.tabIndex < 0) return;
    if (item.radio) {
      const { group, checked } = item.radio;
      if (checkedGroups.has(group) ? !checked : seenGroups.has(group)) return;
      seenGroups.add(group);
    }
    stops.push(index);
  });
  const rank = (i: number) => (items[i]!.tabIndex > 0 ? items[i]!.tabIndex : Number.MAX_SAFE_INTEGER);
  return stops.sort((a, b) => rank(a) - rank(b) || a - b);
}

/**
 * The stop Tab (or Shift+Tab) moves to, wrapping at both ends, from `current` (a position in the
 * order; -1 when focus is on none of them, e.g. on the dialog itself or outside it). -1 when there is
 * no stop at all.
 */
export function nextStop(count: number, current: number, backwards: boolean): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return backwards ? count - 1 : 0;
  return backwards ? (current - 1 + count) % count : (current + 1) % count;
}

const FOCUSABLE = 'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable="true"]';

/** The elements inside `root` that Tab reaches, in Tab order (enabled, visible, not inert). */
export function tabStops(root: HTMLElement): HTMLElement[] {
  const els = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && !(el instanceof HTMLInputElement && el.type === 'hidden') && !el.closest('[inert]') && el.getClientRects().length > 0,
  );
  const candidates = els.map<TabCandidate>((el) =>
    el instanceof HTMLInputElement && el.type === 'radio' && el.name ? { tabIndex: el.tabIndex, radio: { group: el.name, checked: el.checked } } : { tabIndex: el.tabIndex },
  );
  return tabOrder(candidates).map((i) => els[i]!);
}
