// The print view of 交易明细: the statement a counter hands out (对账单) — the period, the
// holder (masked), the opening balance, credits, debits by kind, the closing balance, each
// total also in 人民币大写, the issue time in China time — then the rows the history filters
// select, every amount also in 大写. One port call (statementView); the balances are the
// account's over the period, whatever member or type filter the rows have (the core's
// Ledger#statement), and the paper says so. Page numbers are printed by style.css (@page).
import { t } from '/shared/labels.js';
import { state } from './history.js';
import { h } from '../dom.js';

export async function render(app) {
  const { ledger, person } = await app.session.load();
  // Everything the filters select, up to the ledger's largest page (10,000 rows): a printed
  // statement must not silently stop at a screen-sized page.
  const view = await app.port.statementView({ ledger, person, filters: state.filters, now: Date.now() });
  const columns = [t('time'), t('type'), t('who'), t('institution'), t('amount'), t('amountUpper')];
  const line = (label, amount, id) => h(`tr#${id}`, {},
    h('th', { scope: 'row', text: label }),
    h('td.num', { text: amount.text }),
    h('td.upper', { text: amount.upper }));
  return h('section.print', {},
    h('div.row.no-print', {},
      h('a.button.secondary', { href: '#/history', text: t('back') }),
      h('button#print-now', { type: 'button', text: t('printNow'), on: { click: () => window.print() } })),
    h('dl.statement-head#statement-head', {},
      h('dt', { text: t('holder') }), h('dd', { text: view.holderName }),
      h('dt', { text: t('certno') }), h('dd', { text: view.holderId }),
      h('dt', { text: t('statementPeriod') }), h('dd#statement-period', { text: `${view.from} — ${view.to}` }),
      h('dt', { text: t('issuedAt') }), h('dd#statement-issued', { text: view.issuedAt })),
    // The balances: opening + credits − debits = closing, each also in words.
    h('table.totals#statement-totals', {},
      h('tbody', {},
        line(t('openingBalance'), view.opening, 'opening'),
        line(t('creditsIn'), view.credits, 'credits'),
        view.debits.map((d) => line(d.name, d.amount, `debit-${d.kind}`)),
        line(t('debitsTotal'), view.debitsTotal, 'debits-total'),
        line(t('closingBalance'), view.closing, 'closing'))),
    view.notice ? h('p.notice#statement-notice', { role: 'status', text: view.notice.message }) : null,
    h('p', { text: t('statementRecords', { records: view.records }) }),
    h('table.statement#statement', {},
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { text: c })))),
      // Each cell carries its column's name: on a phone a row is shown as a block of
      // name–value lines (style.css), as the heads are then out of sight.
      h('tbody', {}, view.items.map((item) => h('tr', {}, [item.time, item.typeName, item.who, item.institution, item.amount.text, item.amount.upper]
        .map((text, i) => h(i === 4 ? 'td.num' : i === 5 ? 'td.upper' : 'td', { text, 'data-label': columns[i] })))))),
    h('p.count', { text: view.pageText }));
}
