// 家庭成员: the bindings (masked ID numbers, relation, state) with unbind, and the bind form:
// the core checks the fields as they are typed, then — once the relative's insurance record
// has been looked up — decides eligibility with its reasons and the policy it applied.
// Submitting is possible only when the core says eligible.
import { t } from '/shared/labels.js';
import { bindingsView, bindFormErrors, eligibilityView, relationList, personForRules, errorView, messageText, chinaTime } from '/shared/views.js';
import { h, field, setError, replace, showError } from '../dom.js';

export async function render(app) {
  const { core, client } = app;
  const data = await app.load();
  const status = h('p.notice#family-notice', { role: 'status' });

  const list = h('ul.bindings#bindings', {}, bindingsView(core, data.bindings).map((b) => {
    // A failed unbind is said in this relative's row, by the button tapped.
    const rowError = h('p.field-error.row-error', { role: 'alert' });
    return h(`li.binding.state-${b.state}`, { 'data-state': b.state },
    h('div.rec-main', {}, h('span.name', { text: b.name }), h('span.tag', { text: b.relation }), h('span.state', { text: b.stateName })),
    h('div.rec-sub', {}, h('span.certno', { text: b.certno }), h('span', { text: [b.since, b.until].filter(Boolean).join(' → ') })),
    b.canUnbind ? h('button.secondary.unbind', { type: 'button', text: t('unbind'), 'data-psn': b.psnNo, on: { click: async (event) => {
      if (!window.confirm(t('confirmUnbind'))) return;
      const button = event.currentTarget;
      button.disabled = true;
      rowError.textContent = '';
      try {
        await client.unbind(b.psnNo);
        await app.load({ force: true });
        app.notice = messageText(core, 'SHELL_UNBOUND');
        app.render();
      } catch (error) {
        showError(rowError, errorView(core, error));
        button.disabled = false;
      }
    } } }) : null,
    rowError);
  }));

  const name = field({ id: 'bind-name', label: t('name'), input: h('input', { autocomplete: 'off', maxlength: '40' }) });
  const certno = field({ id: 'bind-certno', label: t('certno'), input: h('input', { autocomplete: 'off', maxlength: '22', spellcheck: 'false' }) });
  const relation = field({ id: 'bind-relation', label: t('relation'), input: h('select', {}, h('option', { value: '', text: '—' }),
    relationList(core).map((r) => h('option', { value: r.code, text: `${r.name}` }))) });
  const phone = field({ id: 'bind-phone', label: t('phone'), input: h('input', { type: 'tel', autocomplete: 'off', maxlength: '20' }) });
  const fields = { name, certno, relation, phone };
  const decision = h('div.decision#bind-decision', { 'aria-live': 'polite' });
  const submit = h('button#bind-submit', { type: 'submit', text: t('submitBind'), disabled: true });
  // A refused or failed submission is said next to the button the user just tapped (the
  // page notice at the top is off screen by then on a phone).
  const submitError = h('p.field-error#bind-submit-error', { role: 'alert' });
  let member = null;
  let lookup = 0;

  const values = (submitted) => ({ name: name.input.value, certno: certno.input.value, relation: relation.input.value, phone: phone.input.value, submitted });

  function showDecision(view) {
    replace(decision,
      h(`p.verdict.${view.eligible ? 'ok' : 'refused'}#bind-verdict`, { text: view.verdict }),
      view.reasons.length ? h('ul.reasons#bind-reasons', {}, view.reasons.map((r) => h('li', { 'data-code': r.code, text: r.message }))) : null,
      view.warnings.length ? h('ul.warnings', {}, view.warnings.map((w) => h('li', { 'data-code': w.code, text: w.message }))) : null,
      view.needsFaceCheck ? h('p.hint', { text: t('faceCheck') }) : null,
      view.policy ? h('p.policy#bind-policy', {}, h('span.label', { text: `${t('policyUsed')}：` }),
        h('span', { text: `${view.policy.title}（${view.policy.document}，${t('effectiveFrom')} ${view.policy.effective}）` })) : null);
    submit.disabled = !view.eligible;
  }

  let lastKey = '';
  let lastEligible = false;
  async function update(submitted = false) {
    // A blur ('change') after typing must not re-run the check: it would disable the submit
    // button under the user's finger.
    const key = JSON.stringify(values(false));
    if (key === lastKey && !submitted) return lastEligible;
    lastKey = key;
    lastEligible = false;
    const result = bindFormErrors(core, values(submitted));
    for (const [key, f] of Object.entries(fields)) setError(f, result.byField[key]);
    submit.disabled = true;
    if (!result.ok) {
      replace(decision);
      return false;
    }
    const ticket = ++lookup;
    try {
      // Looking up the relative's insurance is a read: the client may retry it.
      member = await client.queryPerson({ certno: certno.input.value.trim().toUpperCase(), psn_name: name.input.value.trim() });
      if (ticket !== lookup) return false;
      const view = eligibilityView(core, {
        holder: personForRules(data.person),
        member: personForRules(member),
        relation: relation.input.value,
        date: chinaTime().slice(0, 10),
        bindings: data.bindings,
      });
      showDecision(view);
      lastEligible = view.eligible;
      return view.eligible;
    } catch (error) {
      if (ticket !== lookup) return false;
      // The same fields must be looked up again, on request: without this the user, with
      // nothing left to change, would be stuck with the error and a disabled submit.
      lastKey = '';
      const view = errorView(core, error);
      replace(decision,
        h('p.verdict.refused', { 'data-code': view.code, text: view.message }),
        h('button.secondary', { type: 'button', text: t('retry'), on: { click: () => update() } }));
      return false;
    }
  }
  let timer = null;
  for (const f of Object.values(fields)) {
    f.input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => update(), 250); });
    f.input.addEventListener('change', () => { clearTimeout(timer); update(); });
  }

  const form = h('form.card#bind-form', { novalidate: true }, h('h3', { text: t('bindNew') }), name.el, certno.el, relation.el, phone.el, decision, submitError, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!(await update(true))) return;
    lastKey = '';
    submit.disabled = true;
    submitError.textContent = '';
    try {
      await client.bind({ certno: certno.input.value.trim().toUpperCase(), psn_name: name.input.value.trim(), relation: relation.input.value, phone: phone.input.value.trim() });
      await app.load({ force: true });
      app.notice = messageText(core, 'SHELL_BIND_SUBMITTED');
      app.render();
    } catch (error) {
      showError(submitError, errorView(core, error));
      submit.disabled = false;
    }
  });
  if (app.notice) {
    status.textContent = app.notice;
    app.notice = '';
  }
  return h('section.family', {}, status, h('h3', { text: t('bindings') }), list, form);
}
