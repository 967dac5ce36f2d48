// 每月到账: the credits the history shows and the core's estimate of the monthly credit —
// for a retiree whose region publishes no figure, the core says so and points to the history.
import { t } from '/shared/labels.js';
import { chinaTime } from '/shared/flows.js';
import { h, amount } from '../dom.js';

export async function render(app) {
  const { ledger, person } = await app.session.load();
  const view = await app.port.creditsView({ ledger, person, date: chinaTime().slice(0, 10), masked: app.masked });
  return h('section.credits', {},
    h('div.card#credit-estimate', {},
      h('p.label', { text: t('creditEstimate') }),
      view.estimate.amount ? h('p.big', {}, amount(view.estimate.amount)) : null,
      h('p.basis', { text: view.estimate.basis }),
      view.estimate.policy ? h('p.policy', { text: `${t('policyUsed')}：${view.estimate.policy.title}（${view.estimate.policy.document}）` }) : null),
    h('div.card', {},
      h('p', {}, h('span.label', { text: `${t('creditHistory')} · ${t('sums')} ` }), amount(view.total)),
      h('ol.records#credit-history', {}, view.history.map((c) => h('li.record', {},
        h('div.rec-main', {}, h('span', { text: c.period })),
        h('div.rec-sub', {}, h('time', { text: c.time })),
        h('div.rec-amount', {}, amount(c.amount)))))));
}
