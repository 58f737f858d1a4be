// Tiny DOM helpers for update-in-place rendering: elements are built once, and every
// update writes only what actually changed (the wallboard redraws at up to 10 Hz).

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
