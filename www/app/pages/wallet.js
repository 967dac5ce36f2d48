// 医保钱包: a transfer to a relative insured in another province. The core checks the amount
// and every wallet rule (per-transfer cap, transfers per day, the night block, a pending
// transfer) against the endpoint's clock before anything is sent; the reasons are its own.
import { t } from '/shared/labels.js';
import { walletCheck, errorView, messageText, amountView } from '/shared/views.js';
import { h, field, setError, replace, amount, showError } from '../dom.js';

export async function render(app) {
  const { core, client } = app;
  await app.load();
  let wallet = await client.wallet();
  const status = h('p.notice#wallet-notice', { role: 'status', text: app.notice });
  app.notice = '';
  const name = field({ id: 'payee-name', label: t('payeeName'), input: h('input', { autocomplete: 'off', maxlength: '40' }) });
  const certno = field({ id: 'payee-certno', label: t('payeeCertno'), input: h('input', { autocomplete: 'off', maxlength: '22', spellcheck: 'false' }) });
  const money = field({ id: 'transfer-amount', label: t('amount'), input: h('input', { inputmode: 'decimal', autocomplete: 'off', maxlength: '20' }) });
  const verdict = h('div.decision#wallet-decision', { 'aria-live': 'polite' });
  const submit = h('button#transfer-submit', { type: 'submit', text: t('submitTransfer') });
  // A failed submission is said next to the button the user just tapped (the page notice
  // at the top is off screen by then on a phone in 长辈模式).
  const submitError = h('p.field-error#transfer-submit-error', { role: 'alert' });
  const facts = h('p.hint#wallet-facts', { text: `${t('transfersToday')}：${wallet.transfers_today}${wallet.pending ? ` · ${t('pendingTransfer')}` : ''}` });

  function check() {
    const result = walletCheck(core, { amountText: money.input.value, wallet });
    setError(money, result.amount === null && money.input.value !== '' ? result.reasons[0]?.message : '');
    replace(verdict, result.amount === null ? null : h('div', {},
      h('p', {}, amount(result.amountView)),
      result.reasons.length ? h('ul.reasons#wallet-reasons', {}, result.reasons.map((r) => h('li', { 'data-code': r.code, text: r.message }))) : null));
    return result;
  }
  money.input.addEventListener('input', check);

  const form = h('form.card#wallet-form', { novalidate: true }, name.el, certno.el, money.el, verdict, submitError, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const idCheck = core.validateResidentId(certno.input.value);
    const nameCheck = core.validateName(name.input.value);
    setError(certno, idCheck.valid ? '' : idCheck.message);
    setError(name, nameCheck.valid ? '' : nameCheck.message);
    const result = check();
    if (!result.ok || !idCheck.valid || !nameCheck.valid) {
      if (result.amount === null && money.input.value === '') setError(money, result.reasons[0]?.message);
      return;
    }
    submit.disabled = true;
    submitError.textContent = '';
    try {
      await client.transfer({ amount: result.amount, payee_certno: idCheck.normalized, payee_name: nameCheck.normalized ?? name.input.value.trim() });
      app.notice = messageText(core, 'SHELL_TRANSFER_SUBMITTED');
      app.render();
    } catch (error) {
      showError(submitError, errorView(core, error));
      submit.disabled = false;
    }
  });
  return h('section.wallet', {}, status, facts, form,
    wallet.transfers.length ? h('div.card', {}, h('h3', { text: t('walletHistory') }), h('ol.records', {}, wallet.transfers.map((tr) => h('li.record', {},
      h('div.rec-main', {}, h('span', { text: core.maskName(tr.to_psn_name) }), h('span.state', { text: tr.state === 'pending' ? t('statePending') : t('stateDone') })),
      h('div.rec-sub', {}, h('time', { text: tr.time })),
      h('div.rec-amount', {}, amount(amountView(core, tr.amount, { masked: app.masked }))))))) : null);
}
