// 家庭成员: the bindings (masked ID numbers, relation, state) with the holder's buttons as the
// core's lifecycle allows them (unbind only where the core has that event), and the bind
// form: the core checks the fields as they are typed, then — once the relative's insurance
// record has been looked up — decides eligibility with its reasons and the policy it
// applied. Submitting is possible only when the core says eligible. Unbinding asks first
// (confirm.js), saying what it ends. The flows are shared with the mini-programs
// (shared/flows.js), and so are the relation picker's order and words (relation-picker.js).
import { t } from '/shared/labels.js';
import { checkBind, submitBind, unbind } from '/shared/flows.js';
import { h, field, setError, replace, showError } from '../dom.js';
import { askFirst } from '../confirm.js';
import { relationChoices, plainRelation } from '/shared/relation-picker.js';
import { policyLine, quotaForm, quotaList } from './quota.js';

export async function render(app) {
  const { port, session } = app;
  const data = await session.load();
  const status = h('p.notice#family-notice', { role: 'status' });
  const [bindings, relations, quotas] = await Promise.all([port.bindingsView({ bindings: data.bindings }), port.relationList(), quotaList(app, data)]);

  const list = h('ul.bindings#bindings', {}, bindings.map((b) => {
    // A failed unbind is said in this relative's row, by the button tapped.
    const rowError = h('p.field-error.row-error', { role: 'alert' });
    return h(`li.binding.state-${b.state}`, { 'data-state': b.state },
      h('div.rec-main', {}, h('span.name', { text: b.name }), h('span.tag', { text: plainRelation(b.relation, app.prefs.locale) }), h('span.state', { text: b.stateName })),
      h('div.rec-sub', {}, h('span.certno', { text: b.certno }), h('span', { text: [b.since, b.until].filter(Boolean).join(' → ') })),
      b.canUnbind ? h('button.secondary.unbind', { type: 'button', text: t('unbind'), 'data-psn': b.psnNo, on: { click: async (event) => {
        const button = event.currentTarget;
        const yes = await askFirst({
          title: t('confirmUnbindTitle', { name: b.name }),
          body: t('confirmUnbindBody', { name: b.name }),
          confirmText: t('unbind'),
          cancelText: t('cancel'),
          returnFocus: button,
        });
        if (!yes) return;
        button.disabled = true;
        rowError.textContent = '';
        const result = await unbind(app, b.psnNo);
        if (result.ok) app.render();
        else {
          showError(rowError, result.error);
          button.disabled = false;
        }
      } } }) : null,
      rowError);
  }));

  const name = field({ id: 'bind-name', label: t('name'), input: h('input', { autocomplete: 'off', maxlength: '40' }) });
  const certno = field({ id: 'bind-certno', label: t('certno'), input: h('input', { autocomplete: 'off', maxlength: '22', spellcheck: 'false' }) });
  const choices = relationChoices(relations, app.prefs.locale);
  const relation = field({ id: 'bind-relation', label: t('relation'), input: h('select', {}, h('option', { value: '', text: t('choose') }),
    h('optgroup', { label: t('commonRelations') }, choices.common.map((r) => h('option', { value: r.code, text: r.name }))),
    h('optgroup', { label: t('otherRelations') }, choices.others.map((r) => h('option', { value: r.code, text: r.name })))) });
  const phone = field({ id: 'bind-phone', label: t('phone'), input: h('input', { type: 'tel', autocomplete: 'off', maxlength: '20' }) });
  const fields = { name, certno, relation, phone };
  const decision = h('div.decision#bind-decision', { 'aria-live': 'polite' });
  const submit = h('button#bind-submit', { type: 'submit', text: t('submitBind'), disabled: true });
  // A refused or failed submission is said next to the button the user just tapped (the
  // page notice at the top is off screen by then on a phone).
  const submitError = h('p.field-error#bind-submit-error', { role: 'alert' });
  let lookup = 0;

  const values = () => ({ name: name.input.value, certno: certno.input.value, relation: relation.input.value, phone: phone.input.value });

  // A relative insured in another province (channel "wallet") is offered the quota form.
  const walletPath = h('div.wallet-path#wallet-path');
  function showDecision(view, relative) {
    replace(walletPath);
    submit.hidden = false;
    if (view.retry) {
      // The same fields must be looked up again, on request: without this the user, with
      // nothing left to change, would be stuck with the error and a disabled submit.
      lastKey = '';
      replace(decision,
        h('p.verdict.refused', { 'data-code': view.code, text: view.verdict }),
        h('button.secondary', { type: 'button', text: t('retry'), on: { click: () => update() } }));
      submit.disabled = true;
      return;
    }
    replace(decision,
      h(`p.verdict.${view.eligible ? 'ok' : 'refused'}#bind-verdict`, { text: view.verdict }),
      view.reasons.length ? h('ul.reasons#bind-reasons', {}, view.reasons.map((r) => h('li', { 'data-code': r.code, text: r.message }))) : null,
      view.warnings.length ? h('ul.warnings', {}, view.warnings.map((w) => h('li', { 'data-code': w.code, text: w.message }))) : null,
      // Face recognition is the next step only of a binding that will go ahead.
      view.eligible && view.needsFaceCheck ? h('p.hint', { text: t('faceCheck') }) : null,
      policyLine(view.policy, 'bind-policy'));
    submit.disabled = !view.eligible;
    if (view.eligible && view.channel === 'wallet' && relative) {
      // No binding across provinces: the holder sets a 共济额度 in his 医保钱包 instead.
      submit.hidden = true;
      const existing = quotas.view.quotas.find((q) => q.psnNo === relative.psnNo) ?? null;
      replace(walletPath, quotaForm(app, { ...relative, name: existing ? existing.name : view.memberName }, { existing }));
    }
  }

  function show(result) {
    for (const [key, f] of Object.entries(fields)) setError(f, result.errors[key]);
    if (result.decision) showDecision(result.decision, result.relative);
    else {
      replace(decision);
      replace(walletPath);
      submit.hidden = false;
      submit.disabled = true;
    }
  }

  let lastKey = '';
  let lastEligible = false;
  async function update() {
    // A blur ('change') after typing must not re-run the check: it would disable the submit
    // button under the user's finger.
    const key = JSON.stringify(values());
    if (key === lastKey) return lastEligible;
    lastKey = key;
    lastEligible = false;
    submit.disabled = true;
    const ticket = ++lookup;
    const result = await checkBind(app, values());
    if (ticket !== lookup) return false;
    show(result);
    lastEligible = Boolean(result.decision && result.decision.eligible);
    return lastEligible;
  }
  let timer = null;
  for (const f of Object.values(fields)) {
    f.input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => update(), 250); });
    f.input.addEventListener('change', () => { clearTimeout(timer); update(); });
  }

  const form = h('form.card#bind-form', { novalidate: true }, h('h3', { text: t('bindNew') }), name.el, certno.el, relation.el, phone.el, decision, submitError, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const ticket = ++lookup;
    lastKey = '';
    submit.disabled = true;
    submitError.textContent = '';
    const result = await submitBind(app, values());
    if (ticket !== lookup) return;
    if (result.ok) return app.render();
    show(result);
    if (result.error) {
      showError(submitError, result.error);
      submit.disabled = false;
    }
  });
  const noticeCode = session.takeNotice();
  if (noticeCode) status.textContent = await port.message({ code: noticeCode });
  return h('section.family', {}, status, h('h3', { text: t('bindings') }), list, quotas.el, form, walletPath);
}
