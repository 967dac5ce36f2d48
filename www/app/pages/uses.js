// 钱能用在哪 (#14): what the shared account may pay for and what never, under the policy in
// force for the holder today (usesView: the set's categories through checkUse); the order in
// which accounts are charged, with a preview of one bill through the core's previewPayment
// (paymentPreviewView); and the guidance beside the rules — the card rule (冒名就医), 亲情账户
// and 家庭共济, 提取 — as the policy set words it, with its sources, unverified ones said so.
import { t } from '/shared/labels.js';
import { chinaTime } from '/shared/flows.js';
import { h, amount, field, replace, setError } from '../dom.js';

export async function render(app) {
  const { person, bindings, wallet } = await app.session.load();
  const view = await app.port.usesView({ person, bindings, wallet, date: chinaTime().slice(0, 10) });
  const list = (id, title, items) => h(`div.card#${id}`, {},
    h('h3', { text: title }),
    h('ul.uses', {}, items.map((u) => h('li', { 'data-use': u.id, text: u.name }))));

  const patient = field({ id: 'pay-patient', label: t('patient'), input: h('select', {}, view.patients.map((p) => h('option', { value: p.value, text: p.label }))) });
  const selfPay = field({ id: 'pay-amount', label: t('selfPayAmount'), input: h('input', { inputmode: 'decimal', autocomplete: 'off', maxlength: '16' }) });
  const ownBalance = field({ id: 'pay-own', label: t('relativeOwnBalance'), input: h('input', { inputmode: 'decimal', autocomplete: 'off', maxlength: '16' }) });
  // The relative's own balance is asked only for a relative: the holder's is known.
  const showOwn = () => { ownBalance.el.hidden = patient.input.value === 'self'; };
  patient.input.addEventListener('change', showOwn);
  showOwn();
  const result = h('div#pay-result', { 'aria-live': 'polite' });
  const form = h('form.card#pay-form', { novalidate: true, on: { submit: async (event) => {
    event.preventDefault();
    const preview = await app.port.paymentPreviewView({
      person,
      wallet,
      patient: patient.input.value,
      selfPay: selfPay.input.value,
      ownBalance: ownBalance.el.hidden ? '' : ownBalance.input.value,
    });
    setError(selfPay, preview.errors.selfPay);
    setError(ownBalance, preview.errors.ownBalance);
    replace(result, preview.ok
      ? h('dl.pay-lines', {},
        preview.lines.map((line) => [h('dt', { text: line.label }), h(`dd#pay-${line.key}`, {}, amount(line.amount))]),
        h('dt', { text: t('payTotal') }), h('dd#pay-total', {}, amount(preview.total)))
      : null);
  } } },
  h('h3', { text: t('payPreview') }),
  h('p#pay-order', { text: view.order }),
  patient.el, selfPay.el, ownBalance.el,
  h('button#pay-submit', { type: 'submit', text: t('previewNow') }),
  result);

  return h('section.uses-page', {},
    list('uses-allowed', t('usesAllowed'), view.allowed),
    list('uses-never', t('usesNever'), view.never),
    view.policy ? h('p.policy', { text: `${t('policyUsed')}：${view.policy.title}（${view.policy.document}）` }) : null,
    form,
    view.guidance.map((g) => h(`div.card.guidance#guidance-${g.id}`, {},
      h('h3', { text: g.title }),
      h('p', { text: g.text }),
      g.unverified ? h('p.notice', { text: t('guidanceUnverified') }) : null,
      h('p.policy', { text: `${t('basedOn')}：${g.sources.join('；')}` }))));
}
