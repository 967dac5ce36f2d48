// 医保钱包: a transfer to a relative insured in another province. The core checks the amount
// and every wallet rule (per-transfer cap, transfers per day, the night block, a pending
// transfer) against the endpoint's clock before anything is sent; the reasons are its own.
// The check and the request are the flows the mini-programs use too (shared/flows.js).
import { t } from '/shared/labels.js';
import { checkTransfer, submitTransfer } from '/shared/flows.js';
import { h, field, setError, replace, amount, showError } from '../dom.js';

export async function render(app) {
  const { port, session } = app;
  await session.load();
  const wallet = await session.client.wallet();
  const walletView = await port.walletView({ wallet, masked: app.masked });
  const noticeCode = session.takeNotice();
  const status = h('p.notice#wallet-notice', { role: 'status', text: noticeCode ? await port.message({ code: noticeCode }) : '' });
  const name = field({ id: 'payee-name', label: t('payeeName'), input: h('input', { autocomplete: 'off', maxlength: '40' }) });
  const certno = field({ id: 'payee-certno', label: t('payeeCertno'), input: h('input', { autocomplete: 'off', maxlength: '22', spellcheck: 'false' }) });
  const money = field({ id: 'transfer-amount', label: t('amount'), input: h('input', { inputmode: 'decimal', autocomplete: 'off', maxlength: '20' }) });
  const verdict = h('div.decision#wallet-decision', { 'aria-live': 'polite' });
  const submit = h('button#transfer-submit', { type: 'submit', text: t('submitTransfer') });
  // A failed submission is said next to the button the user just tapped (the page notice
  // at the top is off screen by then on a phone in 长辈模式).
  const submitError = h('p.field-error#transfer-submit-error', { role: 'alert' });
  const facts = h('p.hint#wallet-facts', { text: `${t('transfersToday')}：${walletView.transfersToday}${walletView.pending ? ` · ${t('pendingTransfer')}` : ''}` });

  const values = () => ({ name: name.input.value, certno: certno.input.value, amount: money.input.value });
  function showCheck(check) {
    setError(money, check.amount === null && money.input.value !== '' ? check.reasons[0]?.message : '');
    replace(verdict, check.amount === null ? null : h('div', {},
      h('p', {}, amount(check.amountView)),
      check.reasons.length ? h('ul.reasons#wallet-reasons', {}, check.reasons.map((r) => h('li', { 'data-code': r.code, text: r.message }))) : null));
  }
  let typed = 0;
  money.input.addEventListener('input', async () => {
    const mine = ++typed;
    const form = await checkTransfer(app, values(), wallet);
    if (mine === typed) showCheck(form.check);
  });

  const form = h('form.card#wallet-form', { novalidate: true }, name.el, certno.el, money.el, verdict, submitError, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    submitError.textContent = '';
    typed += 1;
    const result = await submitTransfer(app, values(), wallet);
    setError(certno, result.errors.certno);
    setError(name, result.errors.name);
    showCheck(result.check);
    if (result.errors.amount) setError(money, result.errors.amount);
    if (result.ok) return app.render();
    if (result.error) showError(submitError, result.error);
    submit.disabled = false;
  });
  // What a 共济额度 is, in one sentence from the core's catalog, with the quotas set.
  const data = await session.load();
  const quotas = await port.quotasView({ wallet: data.wallet, masked: app.masked });
  const quotaCard = h('div.card#wallet-quotas', {},
    h('h3', { text: t('quotas') }),
    h('p#quota-explained', { text: quotas.explained }),
    quotas.known ? h('p', {}, h('span.label', { text: `${t('holderCanUse')}：` }), amount(quotas.available)) : null,
    quotas.quotas.map((q) => h('p.hint', {}, `${q.name} · ${q.relation} · ${t('quotaUnused')} `, amount(q.unused))),
    // A link the size of a button: the 适老化 target size holds for links too.
    h('a.button#wallet-to-family', { href: '#/family', text: t('family') }));
  return h('section.wallet', {}, status, quotaCard, facts, form,
    walletView.transfers.length ? h('div.card', {}, h('h3', { text: t('walletHistory') }), h('ol.records', {}, walletView.transfers.map((tr) => h('li.record', {},
      h('div.rec-main', {}, h('span', { text: tr.name }), h('span.state', { text: tr.pending ? t('statePending') : t('stateDone') })),
      h('div.rec-sub', {}, h('time', { text: tr.time })),
      h('div.rec-amount', {}, amount(tr.amount)))))) : null);
}
