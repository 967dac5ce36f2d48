// Tiny DOM builder for the portal. Server data only ever reaches the page as text nodes
// (textContent) or attribute values — never through innerHTML — so a name or an institution
// sent by the endpoint cannot become markup.

import { t } from '/shared/labels.js';

/** h('tag.class#id', {attr: value, on: {click: fn}}, ...children) → Element. */
export function h(spec, props = {}, ...children) {
  const [, tag = 'div', rest = ''] = spec.match(/^([a-z0-9-]+)?(.*)$/i) ?? [];
  const el = tag === 'svg' || props.svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) ?? []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false || key === 'svg') continue;
    if (key === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'hidden') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function svg(tag, props = {}, ...children) {
  return h(tag, { ...props, svg: true }, ...children);
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * An amount as sighted users and screen readers each need it: the figures shown, hidden
 * from assistive tech, and the spoken form from the core ("一千二百三十四元五角") read instead.
 */
export function amount(view, { className = '' } = {}) {
  if (!view || !view.spoken) return h(`span.amount${className}`, { text: view ? view.text : '—' });
  return h(`span.amount${className}${view.negative ? '.neg' : ''}`, { 'data-amount': view.amount },
    h('span', { 'aria-hidden': 'true', text: view.text }),
    h('span.sr-only', { text: view.spoken }));
}

/** A labelled form field with its live error line. */
export function field({ id, label, input, hint }) {
  const error = h(`p.field-error#${id}-error`, { role: 'alert', 'aria-live': 'polite' });
  input.id = id;
  input.setAttribute('aria-describedby', `${id}-error`);
  return { el: h('div.field', {}, h('label', { for: id, text: label }), input, hint ? h('p.hint', { text: hint }) : null, error), error, input };
}

export function setError(fieldObj, message) {
  fieldObj.error.textContent = message ?? '';
  fieldObj.input.setAttribute('aria-invalid', message ? 'true' : 'false');
}

/** Shows a coded error (from shared/views.js errorView) in `el`: its text, and its code for
 * tests and support. */
export function showError(el, view) {
  el.replaceChildren(document.createTextNode(view.message ?? ''));
  if (view.hotline) el.append(' ', hotlineLink(view.hotline));
  el.dataset.code = view.code;
}

/** A hotline the user can tap to call (its number with the area code, as the core gives it). */
export function hotlineLink(hotline) {
  return h('a.tel.hotline', { href: `tel:${hotline}`, text: `${t('callHotline')} ${hotline}` });
}
