// Mini-program templates read as data, for the checks no renderer makes loudly: WXML (WeChat)
// and AXML (Alipay) parsed into a tree; the event handlers they name; and every `{{ }}` path
// they would render, evaluated against a page's real data the way the renderer walks it
// (wx:if / a:if branches that are false are not entered, wx:for / a:for bodies once per item
// with `item` and `index` in scope). A renderer shows a missing name as an empty string, so
// a renamed data field or a typo only shows up here.
//
// Expressions are parsed with acorn (already a dependency); the evaluator knows the subset of
// JavaScript that templates allow (names, members, literals, ! - + typeof, comparisons,
// arithmetic, && || ?:, array and object literals).
import * as acorn from 'acorn';

export const DIALECTS = {
  wechat: {
    ext: 'wxml', prefix: 'wx:', if: 'wx:if', elif: 'wx:elif', else: 'wx:else', for: 'wx:for', forItems: 'wx:for-items', forItem: 'wx:for-item', forIndex: 'wx:for-index', key: 'wx:key',
    directives: ['if', 'elif', 'else', 'for', 'for-items', 'for-item', 'for-index', 'key'],
    // bindtap, bind:tap, catchtap, capture-bind:tap, mut-bind:tap …
    handler: /^(?:bind|catch|capture-bind|capture-catch|mut-bind):?([a-z][\w-]*)$/,
    foreignSyntax: /\ba:(?:if|elif|else|for|key)\b|\bon[A-Z]\w*=/,
  },
  alipay: {
    ext: 'axml', prefix: 'a:', if: 'a:if', elif: 'a:elif', else: 'a:else', for: 'a:for', forItems: 'a:for-items', forItem: 'a:for-item', forIndex: 'a:for-index', key: 'a:key',
    directives: ['if', 'elif', 'else', 'for', 'for-items', 'for-item', 'for-index', 'key'],
    // onTap, catchTap, onInput, onChange …
    handler: /^(?:on|catch)([A-Z]\w*)$/,
    foreignSyntax: /\bwx:(?:if|elif|else|for|key)\b|\bbind:?[a-z]+=/,
  },
};

const VOID = new Set(['input', 'image', 'icon', 'import', 'include', 'wxs', 'import-sjs']);

/** Parses a template into {tag, attrs: [[name, value]], children, line} nodes and text nodes. */
export function parseTemplate(text) {
  const rootNode = { tag: '#root', attrs: [], children: [] };
  const stack = [rootNode];
  let i = 0;
  const lineAt = (pos) => text.slice(0, pos).split('\n').length;
  while (i < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      i = end < 0 ? text.length : end + 3;
    } else if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      const tag = text.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.tag !== tag) throw new Error(`line ${lineAt(i)}: </${tag}> closes <${open && open.tag}>`);
      i = end + 1;
    } else if (text[i] === '<') {
      let j = i + 1;
      while (j < text.length && /[\w:-]/.test(text[j])) j++;
      const node = { tag: text.slice(i + 1, j), attrs: [], children: [], line: lineAt(i) };
      // Attributes: name, or name="value" / name='value' (a value may hold '>' inside {{ }}).
      for (;;) {
        while (/\s/.test(text[j])) j++;
        if (text[j] === '/' && text[j + 1] === '>') { j += 2; node.selfClosed = true; break; }
        if (text[j] === '>') { j += 1; break; }
        if (j >= text.length) throw new Error(`line ${node.line}: <${node.tag} is never closed`);
        let k = j;
        while (k < text.length && !/[\s=>/]/.test(text[k])) k++;
        const name = text.slice(j, k);
        let value = null;
        if (text[k] === '=') {
          const quote = text[k + 1];
          if (quote !== '"' && quote !== "'") throw new Error(`line ${node.line}: unquoted value of ${name}`);
          const end = text.indexOf(quote, k + 2);
          value = text.slice(k + 2, end);
          k = end + 1;
        }
        node.attrs.push([name, value]);
        j = k;
      }
      stack.at(-1).children.push(node);
      if (!node.selfClosed && !VOID.has(node.tag)) stack.push(node);
      i = j;
    } else {
      const end = text.indexOf('<', i);
      const chunk = text.slice(i, end < 0 ? text.length : end);
      if (chunk.trim()) stack.at(-1).children.push({ text: chunk, line: lineAt(i) });
      i = end < 0 ? text.length : end;
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1).tag}> (line ${stack.at(-1).line}) is never closed`);
  return rootNode;
}

function* walk(node) {
  yield node;
  for (const child of node.children || []) yield* walk(child);
}

/** Every handler name the template binds, with the attribute and line. */
export function handlersOf(tree, dialect) {
  const out = [];
  for (const node of walk(tree)) {
    for (const [name, value] of node.attrs || []) {
      const m = name.match(dialect.handler);
      if (m) out.push({ handler: value, event: m[1], attr: name, line: node.line, tag: node.tag });
    }
  }
  return out;
}

/** Attributes in the dialect's directive namespace that the dialect does not define. */
export function unknownDirectives(tree, dialect) {
  const out = [];
  for (const node of walk(tree)) {
    for (const [name] of node.attrs || []) {
      if (name.startsWith(dialect.prefix) && !dialect.directives.includes(name.slice(dialect.prefix.length))) out.push(`${name} (line ${node.line})`);
    }
  }
  return out;
}

/** The `{{ }}` parts of an attribute value or text: [{source, whole}]. */
export function mustaches(value) {
  if (value == null) return [];
  const out = [];
  const re = /\{\{([\s\S]*?)\}\}/g;
  let m;
  while ((m = re.exec(value))) out.push({ source: m[1].trim(), whole: m[0] === value.trim() });
  return out;
}

const MISSING_BY_INDEX = Symbol('missing by index');
// A name already reported: what is read through it is not reported again.
const REPORTED = Symbol('reported');
const plain = (v) => (v === MISSING_BY_INDEX || v === REPORTED ? undefined : v);

/**
 * Evaluates a template expression against a scope chain, recording each name path that
 * does not exist. `lenientLast`: a condition may test whether the last member exists.
 */
function evaluate(source, scope, problems, where, lenientLast) {
  let ast;
  try {
    ast = acorn.parseExpressionAt(`(${source})`, 0, { ecmaVersion: 2020 });
  } catch (error) {
    // WXML allows an object spread shorthand in template data ({{a: 1, b}}): try as object.
    try {
      ast = acorn.parseExpressionAt(`({${source}})`, 0, { ecmaVersion: 2020 });
    } catch {
      problems.push(`${where}: {{${source}}} is not an expression (${error.message})`);
      return undefined;
    }
  }
  const describe = (node) => source.slice(node.start - 1, node.end - 1);
  const ev = (node, isLast) => {
    switch (node.type) {
      case 'Literal': return node.value;
      case 'TemplateLiteral': return node.quasis.map((q, i) => q.value.cooked + (node.expressions[i] ? String(plain(ev(node.expressions[i], false))) : '')).join('');
      case 'Identifier': {
        if (node.name === 'undefined') return undefined;
        for (const frame of scope) if (Object.prototype.hasOwnProperty.call(frame, node.name)) return frame[node.name];
        if (lenientLast && isLast) return undefined;
        problems.push(`${where}: "${node.name}" is not in the page data`);
        return REPORTED;
      }
      case 'MemberExpression': {
        const object = ev(node.object, false);
        if (object === MISSING_BY_INDEX || object === REPORTED) return object;
        const key = node.computed ? plain(ev(node.property, false)) : node.property.name;
        if (object === undefined || object === null) {
          // A chain through a name already reported, or through null: reported once, here.
          if (node.computed || (lenientLast && isLast)) return undefined;
          problems.push(`${where}: "${describe(node)}" reads "${key}" of ${object === null ? 'null' : 'a missing value'}`);
          return REPORTED;
        }
        const has = key in Object(object);
        if (!has) {
          // An index into a list (relations[relationIndex]) may point at nothing: that is data,
          // not a misspelt name. A static name that is not there is what this check is for.
          if (node.computed) return MISSING_BY_INDEX;
          if (lenientLast && isLast) return undefined;
          problems.push(`${where}: "${describe(node)}" is not in the page data`);
          return REPORTED;
        }
        return object[key];
      }
      case 'UnaryExpression': {
        const value = plain(ev(node.argument, isLast));
        return { '!': !value, '-': -value, '+': +value, typeof: typeof value }[node.operator];
      }
      case 'BinaryExpression': {
        const x = plain(ev(node.left, false));
        const y = plain(ev(node.right, false));
        switch (node.operator) {
          case '===': return x === y; case '!==': return x !== y;
          case '==': return x == y; case '!=': return x != y; // eslint-disable-line eqeqeq
          case '<': return x < y; case '>': return x > y; case '<=': return x <= y; case '>=': return x >= y;
          case '+': return x + y; case '-': return x - y; case '*': return x * y; case '/': return x / y; case '%': return x % y;
          default: problems.push(`${where}: operator ${node.operator} in {{${source}}}`); return undefined;
        }
      }
      case 'LogicalExpression': {
        const x = plain(ev(node.left, isLast));
        if (node.operator === '&&') return x ? ev(node.right, isLast) : x;
        if (node.operator === '||') return x || ev(node.right, isLast);
        return x ?? ev(node.right, isLast);
      }
      case 'ConditionalExpression': return plain(ev(node.test, true)) ? ev(node.consequent, isLast) : ev(node.alternate, isLast);
      case 'ArrayExpression': return node.elements.map((e) => plain(ev(e, false)));
      case 'ObjectExpression': return Object.fromEntries(node.properties.map((p) => [p.key.name ?? p.key.value, plain(ev(p.value, false))]));
      case 'SequenceExpression': return plain(node.expressions.map((e) => ev(e, false)).at(-1));
      default:
        problems.push(`${where}: ${node.type} in {{${source}}} is not template syntax`);
        return undefined;
    }
  };
  return plain(ev(ast, true));
}

/** The value of an attribute or text with mustaches, as the renderer would produce it. */
function interpolate(value, scope, problems, where, lenient = false) {
  const parts = mustaches(value);
  if (parts.length === 1 && parts[0].whole) return evaluate(parts[0].source, scope, problems, where, lenient);
  return value.replace(/\{\{([\s\S]*?)\}\}/g, (_, source) => {
    const v = evaluate(source.trim(), scope, problems, where, lenient);
    return v === undefined || v === null ? '' : String(v);
  });
}

/**
 * Walks the template against `data` as the renderer would and returns what it found:
 * every `{{ }}` name path missing from the data, every wx:key / a:key naming a field the
 * items lack. Loop items get `item`/`index` (or their wx:for-item / wx:for-index names).
 */
export function missingPaths(tree, data, dialect, file = 'template') {
  const problems = [];
  const visit = (nodes, scope) => {
    let previousTaken = null; // for elif/else: null when the previous sibling had no if
    for (const node of nodes) {
      if (node.text !== undefined) {
        interpolate(node.text, scope, problems, `${file}:${node.line}`);
        continue;
      }
      const attrs = Object.fromEntries(node.attrs);
      const where = `${file}:${node.line} <${node.tag}>`;
      if (attrs[dialect.for] !== undefined || attrs[dialect.forItems] !== undefined) {
        const list = interpolate(attrs[dialect.for] ?? attrs[dialect.forItems], scope, problems, `${where} ${dialect.for}`);
        const itemName = attrs[dialect.forItem] || 'item';
        const indexName = attrs[dialect.forIndex] || 'index';
        const key = attrs[dialect.key];
        const items = Array.isArray(list) ? list : list && typeof list === 'object' ? Object.values(list) : [];
        items.forEach((item, index) => {
          if (key && key !== '*this' && !mustaches(key).length && (item === null || typeof item !== 'object' || !(key in item))) {
            problems.push(`${where} ${dialect.key}="${key}": item ${index} has no field "${key}"`);
          }
          visitNode(node, [{ [itemName]: item, [indexName]: index }, ...scope], attrs, where);
        });
        previousTaken = null;
        continue;
      }
      if (attrs[dialect.if] !== undefined) {
        const taken = !!interpolate(attrs[dialect.if], scope, problems, `${where} ${dialect.if}`, true);
        previousTaken = taken;
        if (taken) visitNode(node, scope, attrs, where);
        continue;
      }
      if (attrs[dialect.elif] !== undefined) {
        if (previousTaken === null) problems.push(`${where}: ${dialect.elif} without ${dialect.if}`);
        if (!previousTaken) {
          const taken = !!interpolate(attrs[dialect.elif], scope, problems, `${where} ${dialect.elif}`, true);
          previousTaken = taken;
          if (taken) visitNode(node, scope, attrs, where);
        }
        continue;
      }
      if (dialect.else in attrs) {
        if (previousTaken === null) problems.push(`${where}: ${dialect.else} without ${dialect.if}`);
        if (!previousTaken) visitNode(node, scope, attrs, where);
        previousTaken = null;
        continue;
      }
      previousTaken = null;
      visitNode(node, scope, attrs, where);
    }
  };
  const visitNode = (node, scope, attrs, where) => {
    for (const [name, value] of node.attrs) {
      if (name.startsWith(dialect.prefix) || name.match(dialect.handler)) continue;
      interpolate(value, scope, problems, `${where} ${name}`);
    }
    visit(node.children, scope);
  };
  visit(tree.children, [data]);
  return [...new Set(problems)];
}

/** Text a user must never see: what JS prints for a missing or malformed value. */
export const BAD_TEXT = /\bundefined\b|\bNaN\b|\[object \w+\]/;
