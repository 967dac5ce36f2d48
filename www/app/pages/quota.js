// 共济额度 on 家庭成员 (cross-province sharing through the 医保钱包, 2026 notice): the list of
// quotas set (set / used / unused, with change and release) and the quota form a relative
// insured in another province is sent to instead of a binding. The core checks the amount
// as it is typed (checkQuota: against the balance and the other quotas) and names the policy
// it applied; a release says what it returns and asks first, as it cannot be undone. The
// flows are shared with the mini-programs (shared/flows.js).
import { t } from '/shared/labels.js';
import { checkQuota, previewRelease, releaseQuota, submitQuota } from '/shared/flows.js';
import { h, field, setError, replace, amount, showError } from '../dom.js';

/** The policy line every answer carries (which rule decided, by its name from the core). */
export function policyLine(policy, id) {
  if (!policy) return null;
  return h(`p.policy${id ? `#${id}` : ''}`, { 'data-policy': policy.id }, h('span.label', { text: `${t('policyUsed')}：` }), h('span', { text: policy.text }));
}

/**
 * The quota form for one relative: `relative` {certno, psn_name, relation, psnNo, name}
 * (name masked, for the heading). `onDone` runs after the endpoint accepted it.
 */
export function quotaForm(app, relative, { onDone, existing = null } = {}) {
  const money = field({ id: 'quota-amount', label: t('quotaAmount'), input: h('input', { inputmode: 'decimal', autocomplete: 'off', maxlength: '20', value: existing ? existing.amount.amount : '' }) });
  const check = h('div.decision#quota-check', { 'aria-live': 'polite' });
  const submit = h('button#quota-submit', { type: 'submit', text: existing ? t('changeQuota') : t('submitQuota'), disabled: true });
  const submitError = h('p.field-error#quota-submit-error', { role: 'alert' });
  let typed = 0;

  function show(view) {
    const typedSomething = money.input.value.trim() !== '';
    const reasons = typedSomething ? view.reasons : [];
    setError(money, '');
    replace(check,
      view.maxAmount && view.maxAmount.amount ? h('p.hint#quota-max', {}, `${t('quotaMax')} `, amount(view.maxAmount)) : null,
      view.ok ? h('p.verdict.ok#quota-after', {}, `${t('availableAfter')} `, amount(view.availableAfter)) : null,
      reasons.length ? h('ul.reasons#quota-reasons', {}, reasons.map((r) => h('li', { 'data-code': r.code, text: r.message }))) : null,
      policyLine(view.policy, 'quota-policy'));
    submit.disabled = !view.ok;
  }
  async function update() {
    const mine = ++typed;
    const view = await checkQuota(app, money.input.value, relative.psnNo);
    if (mine === typed) show(view);
  }
  money.input.addEventListener('input', () => update());

  const form = h('form.card.quota-form#quota-form', { novalidate: true },
    h('h3', { text: t('quotaFor', { name: relative.name }) }),
    h('p.hint.explain#quota-explained', { text: '' }),
    money.el, check, submitError, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    submitError.textContent = '';
    const result = await submitQuota(app, relative, money.input.value);
    if (result.ok) return onDone ? onDone() : app.render();
    show(result.check);
    if (result.error) {
      showError(submitError, result.error);
      submit.disabled = false;
    }
    return undefined;
  });
  // The one sentence saying what a quota is, from the core's catalog; the first check shows
  // the policy in force before anything is typed.
  app.port.message({ code: 'QUOTA_EXPLAINED' }).then((text) => { form.querySelector('#quota-explained').textContent = text; });
  update();
  return form;
}

/** The quotas set, each with 调整额度 (the form, filled in) and 释放额度 (asked first). */
export async function quotaList(app, data, { onChange } = {}) {
  const view = await app.port.quotasView({ wallet: data.wallet, masked: app.masked });
  if (!view.known || view.quotas.length === 0) return { el: null, view };
  const holder = h('div.quota-edit');
  const rows = view.quotas.map((q) => {
    const rowError = h('p.field-error.row-error', { role: 'alert' });
    const source = data.wallet.quotas.find((w) => w.psn_no === q.psnNo) ?? {};
    const relative = { certno: source.certno, psn_name: source.psn_name, relation: source.relation, psnNo: q.psnNo, name: q.name };
    const change = h('button.secondary.change-quota', { type: 'button', text: t('changeQuota'), 'data-psn': q.psnNo, on: { click: () => {
      replace(holder, quotaForm(app, relative, { existing: q, onDone: onChange }));
      holder.querySelector('input').focus();
    } } });
    const release = h('button.secondary.release-quota', { type: 'button', text: t('releaseQuota'), 'data-psn': q.psnNo, on: { click: async (event) => {
      const button = event.currentTarget;
      rowError.textContent = '';
      const preview = await previewRelease(app, q.psnNo);
      // Irreversible: the confirmation says what returns, and nothing is sent without a yes.
      if (!preview || !preview.released || !window.confirm(preview.confirm)) return;
      button.disabled = true;
      const result = await releaseQuota(app, q.psnNo);
      if (result.ok) (onChange ?? app.render)();
      else {
        showError(rowError, result.error);
        button.disabled = false;
      }
    } } });
    return h('li.quota-row', { 'data-psn': q.psnNo },
      h('div.rec-main', {}, h('span.name', { text: q.name }), h('span.tag', { text: q.relation }), h('span.state', { text: t('quotas') })),
      h('div.rec-sub', {},
        h('span', {}, `${t('quotaSet')} `, amount(q.amount)),
        h('span', {}, `${t('quotaUsed')} `, amount(q.used)),
        h('span', {}, `${t('quotaUnused')} `, amount(q.unused))),
      h('div.row.quota-actions', {}, change, release),
      rowError);
  });
  const el = h('section.quotas#quotas', {},
    h('h3', { text: t('quotas') }),
    h('ul.bindings#quota-list', {}, rows),
    view.problems.map((p) => h('p.notice', { 'data-code': p.code, text: p.message })),
    holder);
  return { el, view };
}
