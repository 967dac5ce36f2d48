// 首页: the balance (hideable on a shared screen), the 共济额度 set and what the holder can
// still use himself, what the bound family can still draw on — each figure with a line saying
// what it is, and each relative with what he can use — and how fresh the data is (as_of and
// source, with the core's lag notice). The other pages are in the nav above.
import { t } from '/shared/labels.js';
import { chinaTime } from '/shared/flows.js';
import { plainRelation } from '/shared/relation-picker.js';
import { h, amount } from '../dom.js';

export async function render(app) {
  const { ledger, bindings, person, wallet } = await app.session.load();
  const view = await app.port.homeView({ ledger, person, bindings, wallet, now: chinaTime(), masked: app.masked });
  const toggle = h('button.chip#mask-toggle', {
    type: 'button',
    'aria-pressed': String(app.masked),
    text: app.masked ? t('showAmounts') : t('hideAmounts'),
    on: { click: () => { app.masked = !app.masked; app.render(); } },
  });
  return h('section.home', {},
    h('div.card.balance', {},
      h('p.label', {}, `${view.holderName} · ${t('balance')}`),
      h('p.big#balance', {}, amount(view.balance)),
      h('p.means#balance-means', { text: view.balanceMeans }),
      toggle),
    // The 共济额度 (2026), in plain words: what is kept for relatives in other provinces, and
    // what the holder can still use himself (the core's quotaSummary).
    view.quotaCount ? h('div.card.figures#quota-figures', {},
      h('p.label', { text: t('quotasSet') }),
      h('p.big#quotas-set', {}, amount(view.quotasSet)),
      h('p.label', { text: t('holderCanUse') }),
      h('p.big#holder-can-use', {}, amount(view.holderCanUse)),
      view.quotaProblems.map((p) => h('p.notice', { 'data-code': p.code, text: p.message }))) : null,
    h('div.card', {},
      h('p.label', { text: t('familyCanDraw') }),
      h('p.big#family-can-draw', {}, amount(view.familyCanDraw)),
      h('p.means#family-means', { text: view.familyMeans }),
      h('p.label', { text: t('activeMembers') }),
      view.activeMembers.length
        ? h('ul.members', {}, view.activeMembers.map((m) => h('li', {},
          h('span', { text: m.name }), h('span.tag', { text: plainRelation(m.relation, app.prefs.locale) }),
          h('span.can-use', { text: m.canUse }))))
        : h('p', { text: t('none') })),
    h('div.card.fresh#freshness', {},
      h('p', {}, h('span.label', { text: `${t('asOf')} ` }), h('span', { text: view.freshness.asOf })),
      h('p', {}, h('span.label', { text: `${t('source')} ` }), h('span', { text: view.freshness.source })),
      h('p.means#freshness-means', { text: view.freshness.taken }),
      view.freshness.notices.map((n) => h('p.notice', { text: n }))),
    // 代办: helping a relative with his account, or seeing who may view one's own.
    h('p', {}, h('a.button.secondary#uses-entry', { href: '#/uses', text: t('usesEntry') })),
    h('p', {}, h('a.button.secondary#proxy-entry', { href: '#/proxy', text: t('proxyEntry') })));
}
