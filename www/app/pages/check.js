// 异常核对: whether the balance follows from the history (the exact difference if not), the
// anomalies the core found, the records it could not read, and the hotline to call.
import { t } from '/shared/labels.js';
import { h, amount } from '../dom.js';

export async function render(app) {
  const { ledger } = await app.session.load();
  const view = await app.port.checkView({ ledger });
  return h('section.check', {},
    h(`div.card.${view.balanced ? 'ok' : 'refused'}#reconcile`, {},
      h('p.big', { text: view.balanced ? t('reconcileOk') : t('reconcileDiff') }),
      view.balanced ? null : h('p.big', {}, amount(view.difference)),
      view.notice ? h('p.notice', { text: view.notice }) : null),
    h('div.card', {},
      h('h3', { text: t('anomalies') }),
      view.anomalies.length
        ? h('ul.reasons#anomalies', {}, view.anomalies.map((a) => h('li', { 'data-code': a.code }, h('span', { text: a.message }), a.time ? h('time', { text: ` ${a.time}` }) : null)))
        : h('p#anomalies', { text: t('noAnomalies') })),
    view.rejected.length ? h('div.card#rejected', {},
      h('h3', { text: t('rejectedRecords') }),
      h('p.notice', { text: view.rejectedNotice }),
      h('ul.reasons', {}, view.rejected.map((r) => h('li', { 'data-code': r.code }, h('span.label', { text: `${r.indexText} ` }), h('span', { text: r.message }))))) : null,
    h('div.card.hotline', {},
      h('p.label', { text: t('hotline') }),
      h('a.big.tel#hotline', { href: `tel:${view.hotline}`, text: view.hotline })));
}
