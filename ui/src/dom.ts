// Tiny DOM helpers for update-in-place rendering: elements are built once, and every
// update writes only what actually changed (the wallboard redraws at up to 20 Hz).

type Child = Node | string;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  attrs?: Record<string, string>,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (attrs) for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) el.append(child);
  return el;
}

export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets an attribute, or removes it for `null`; no write when unchanged. */
export function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/**
 * Keeps `parent`'s children equal to `wanted`, in order, moving only the nodes that are
 * out of place. Nodes not in `wanted` are removed.
 */
export function reconcileChildren(parent: Element, wanted: readonly Element[]): void {
  const keep = new Set<Node>(wanted);
  for (const child of Array.from(parent.children)) if (!keep.has(child)) child.remove();
  let cursor: Element | null = parent.firstElementChild;
  for (const el of wanted) {
    if (el === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      parent.insertBefore(el, cursor);
    }
  }
}

const optionKeys = new WeakMap<HTMLSelectElement, string>();

/**
 * Sets a drop-down's options as (value, label) pairs, keeping the choice while it is still
 * offered. Nothing is written when the options are unchanged, so an open drop-down is not
 * rebuilt under the pointer at every frame.
 */
export function setOptions(select: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const key = JSON.stringify(options);
  if (optionKeys.get(select) === key) return;
  optionKeys.set(select, key);
  const keep = select.value;
  select.replaceChildren(
    ...options.map(([value, label]) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      return option;
    }),
  );
  select.value = options.some(([value]) => value === keep) ? keep : (options[0]?.[0] ?? "");
}
