// 交易明细: filters (date range — a reversed one is swapped and said —, member, type, institution), one page at a time, sums over the
// whole match, a monthly chart (plain SVG), CSV export and the way to the print view.
import { t } from '/shared/labels.js';
import { chinaTime, orderDateRange } from '/shared/flows.js';
import { h, svg, amount, replace } from '../dom.js';

const PAGE_SIZE = 20;

/** The filters survive a page switch (and the print view reads them). */
export const state = { filters: { from: '', to: '', member: '', type: '', institution: '' }, page: 1 };

/** Back to the whole history: a new session never inherits the last person's filters. */
export function resetState() {
  for (const key of Object.keys(state.filters)) state.filters[key] = '';
  state.page = 1;
}

function chart(months) {
  const width = 320;
  const height = 120;
  const shown = months.slice(-12);
  const band = width / Math.max(shown.length, 1);
  const bar = Math.max(2, band / 2 - 2);
  return h('figure.chart#monthly-chart', {},
    h('figcaption', { text: t('monthlyChart') }),
    svg('svg', { viewBox: `0 0 ${width} ${height + 26}`, role: 'img', 'aria-label': t('monthlyChart') },
      shown.flatMap((m, i) => {
        const x = i * band + 2;
        const credited = m.creditedRatio * height;
        const spent = (m.spentOwnRatio + m.spentFamilyRatio) * height;
        const family = m.spentFamilyRatio * height;
        return [
          svg('rect', { class: 'bar-credit', x, y: height - credited, width: bar, height: credited },
            svg('title', { text: `${m.month} ${t('credited')} ${m.credited.text}` })),
          svg('rect', { class: 'bar-own', x: x + bar + 1, y: height - spent, width: bar, height: spent - family },
            svg('title', { text: `${m.month} ${t('spentOwn')} ${m.spentOwn.text}` })),
          svg('rect', { class: 'bar-family', x: x + bar + 1, y: height - family, width: bar, height: family },
            svg('title', { text: `${m.month} ${t('spentFamily')} ${m.spentFamily.text}` })),
          i % 3 === 0 ? svg('text', { x, y: height + 21, class: 'axis', text: m.month.slice(2) }) : null,
        ];
      })),
    h('p.legend', {},
      h('span.key.credit', { text: t('credited') }), h('span.key.own', { text: t('spentOwn') }), h('span.key.family', { text: t('spentFamily') })),
    // The same figures as a table, for screen readers and for anyone who prefers numbers.
    h('details', {}, h('summary', { text: t('monthlyChart') }),
      h('table.months', {}, h('thead', {}, h('tr', {}, [t('period'), t('credited'), t('spentOwn'), t('spentFamily')].map((c) => h('th', { text: c })))),
        h('tbody', {}, months.map((m) => h('tr', {}, h('td', { text: m.month }), h('td', {}, amount(m.credited)), h('td', {}, amount(m.spentOwn)), h('td', {}, amount(m.spentFamily))))))));
}

export async function render(app) {
  const { port, session } = app;
  const { ledger, bindings, person } = await session.load();
  const f = state.filters;
  const options = await port.historyOptions({ ledger, person, bindings });
  const select = (id, list, value, all) => h(`select#${id}`, {}, h('option', { value: '', text: all }),
    list.map((o) => h('option', { value: o.value, text: o.label, selected: o.value === value })));
  const from = h('input#f-from', { type: 'date', value: f.from });
  const to = h('input#f-to', { type: 'date', value: f.to });
  const member = select('f-member', options.members, f.member, t('allMembers'));
  const type = select('f-type', options.types, f.type, t('allTypes'));
  const institution = select('f-institution', options.institutions, f.institution, t('allInstitutions'));
  const results = h('div#history-results');
  const swapNote = h('p.notice#dates-swapped', { role: 'status' });

  // One port call per page shown: the records, their formatted amounts, the sums and the
  // monthly chart of the same match. A slower answer to an older request is not shown.
  let shown = 0;
  async function show() {
    const mine = ++shown;
    const view = await port.historyView({ ledger, filters: state.filters, page: state.page, pageSize: PAGE_SIZE, masked: app.masked, chart: true });
    if (mine !== shown) return;
    replace(results,
      h('div.card.sums#history-sums', {}, view.sums.filter((s) => s.amount.amount !== '0.00').map((s) => h('p', {}, h('span.label', { text: `${t(sumLabel(s.key))} ` }), amount(s.amount)))),
      h('p.count#history-count', { text: view.pageText }),
      h('ol.records', {}, view.items.map((item) => h(`li.record.type-${item.type}`, { 'data-type': item.type },
        h('div.rec-main', {}, h('span.rec-type', { text: item.typeName }), h('span.rec-who', { text: [item.who, item.relation].filter(Boolean).join(' · ') })),
        h('div.rec-sub', {}, h('time', { text: item.time }), h('span', { text: [item.institution, item.medType].filter(Boolean).join(' · ') }),
          item.bill ? h('span.bill', {}, `${t('medfeeTotal')} `, amount(item.bill)) : null),
        h('div.rec-amount', {}, amount(item.amount))))),
      h('div.pager', {},
        h('button.secondary#prev-page', { type: 'button', text: t('previous'), disabled: view.page <= 1, on: { click: () => { state.page -= 1; show(); } } }),
        h('button.secondary#next-page', { type: 'button', text: t('next'), disabled: view.page >= view.pages, on: { click: () => { state.page += 1; show(); } } })),
      chart(view.months));
  }

  const form = h('form.card.filters#history-filters', {},
    h('div.row', {}, h('label', {}, t('from'), from), h('label', {}, t('to'), to)),
    h('div.row', {}, h('label', {}, t('member'), member), h('label', {}, t('type'), type)),
    h('label', {}, t('institution'), institution),
    swapNote,
    h('div.row', {},
      h('button#apply-filters', { type: 'submit', text: t('search') }),
      h('button.secondary', { type: 'button', text: t('clear'), on: { click: () => { Object.keys(f).forEach((k) => { f[k] = ''; }); state.page = 1; app.render(); } } })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ordered = orderDateRange({ from: from.value, to: to.value, member: member.value, type: type.value, institution: institution.value });
    Object.assign(f, ordered.filters);
    from.value = f.from;
    to.value = f.to;
    swapNote.textContent = ordered.swapped ? t('datesSwapped') : '';
    state.page = 1;
    show();
  });
  const exportCsv = h('button.secondary#export-csv', { type: 'button', text: t('exportCsv'), on: { click: async () => {
    const csv = await port.historyCsv({ ledger, filters: state.filters });
    const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
    // Named with China's date: toISOString alone is UTC's, a day behind before 08:00.
    const link = h('a', { href: URL.createObjectURL(blob), download: `gongji-${chinaTime().slice(0, 10)}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  } } });
  await show();
  return h('section.history', {}, form, h('div.row.actions', {}, exportCsv, h('a.button.secondary#print-link', { href: '#/print', text: t('print') })), results);
}

const SUM_LABELS = { credit: 'credited', transfer: 'transferred', acctPay: 'spentOwn', acctMulaidPay: 'spentFamily', contribution: 'contributions', psnCashPay: 'cashPay', medfeeSumamt: 'medfeeTotal', fundPaySumamt: 'fundPay' };
function sumLabel(key) {
  return SUM_LABELS[key] ?? 'sums';
}
