// Two small DOM helpers: building elements (text always as text nodes), and replacing a region's
// content only when what it shows changed, keeping the keyboard focus where it was.

/** `h('li', { class: 'x', dataset: { a: '1' }, onclick }, 'text', child)` */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

const shown = new WeakMap();

/**
 * Replaces `container`'s children with `build()` unless `signature` (what they show, as text) is
 * the one already shown. An element with `data-focus` that had the focus gets it back.
 */
export function patch(container, signature, build) {
  if (shown.get(container) === signature) return;
  const active = document.activeElement;
  const focusKey = container.contains(active) ? active.dataset.focus : undefined;
  container.replaceChildren(...[build()].flat(Infinity).filter(Boolean));
  shown.set(container, signature);
  if (focusKey !== undefined) container.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`)?.focus();
}
