// The print view of 交易明细 (the statement counters print for elderly users): the rows the
// history filters select, every amount also in 人民币大写 from the core — one port call.
import { t } from '/shared/labels.js';
import { state } from './history.js';
import { h } from '../dom.js';

export async function render(app) {
  const { ledger, person } = await app.session.load();
  // Everything the filters select, up to the ledger's largest page (10,000 rows): a printed
  // statement must not silently stop at a screen-sized page.
  const view = await app.port.statementView({ ledger, person, filters: state.filters });
  const columns = [t('time'), t('type'), t('who'), t('institution'), t('amount'), t('amountUpper')];
  const range = [state.filters.from, state.filters.to].filter(Boolean).join(' — ');
  return h('section.print', {},
    h('div.row.no-print', {},
      h('a.button.secondary', { href: '#/history', text: t('back') }),
      h('button#print-now', { type: 'button', text: t('printNow'), on: { click: () => window.print() } })),
    h('p', {}, `${t('holder')}：${view.holderName}  ${range}`),
    h('table.statement#statement', {},
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { text: c })))),
      // Each cell carries its column's name: on a phone a row is shown as a block of
      // name–value lines (style.css), as the heads are then out of sight.
      h('tbody', {}, view.items.map((item) => h('tr', {}, [item.time, item.typeName, item.who, item.institution, item.amount.text, item.amount.upper]
        .map((text, i) => h(i === 4 ? 'td.num' : i === 5 ? 'td.upper' : 'td', { text, 'data-label': columns[i] })))))),
    h('p.count', { text: view.pageText }));
}
