// 代办 (helper mode) for display: the consents the endpoint lists (GET /consents) as plain
// data a page draws — each person masked by the core (name and ID number, never in full),
// the state in words, the date it ends — and the banner every page shows while a helper
// views someone else's account. core-service.js calls these (through the port); shells never
// import this file.
import { t } from './labels.js';

/** @typedef {typeof import('../../pkg/web/gongji.js')} Core */

const text = (v) => (typeof v === 'string' ? v : '');

/** "王*国（6211**********0012）": whose account, masked by the core. */
export function whoText(core, name, certno) {
  return t('personMasked', { name: core.maskName(text(name)), certno: core.maskResidentId(text(certno)) });
}

/** The banner while a helper views another's account, or null on her own. */
export function viewingBanner(core, viewing) {
  if (!viewing || typeof viewing !== 'object' || !text(viewing.psn_no)) return null;
  const who = whoText(core, viewing.psn_name, viewing.certno);
  return { psnNo: viewing.psn_no, who, text: t('proxyBanner', { who }), back: t('proxyBack') };
}

const STATES = new Set(['active', 'expired', 'withdrawn']);
function stateText(consent) {
  const state = STATES.has(consent.state) ? consent.state : 'withdrawn';
  if (state === 'active') return { state, stateText: t('consentUntil', { date: text(consent.expires_at).slice(0, 10) }) };
  return { state, stateText: t(state === 'expired' ? 'consentExpired' : 'consentWithdrawn') };
}

/**
 * The 代办 page's lists: `mine` (accounts the user may view for someone, by their consent) and
 * `onMyAccount` (who may view the user's own account — withdrawable while in force).
 * @param {Core} core
 */
export function consentsView(core, answer) {
  const list = (name) => (answer && Array.isArray(answer[name]) ? answer[name].filter((c) => c && typeof c === 'object') : []);
  return {
    validDays: Number.isInteger(answer && answer.valid_days) ? answer.valid_days : null,
    viewing: viewingBanner(core, answer && answer.viewing),
    mine: list('mine').map((c) => {
      const s = stateText(c);
      return { psnNo: text(c.holder_psn_no), who: whoText(core, c.holder_name, c.holder_certno), ...s, canView: s.state === 'active' };
    }),
    onMyAccount: list('on_my_account').map((c) => {
      const s = stateText(c);
      return { psnNo: text(c.helper_psn_no), who: whoText(core, c.helper_name, c.helper_certno), ...s, canWithdraw: s.state === 'active' };
    }),
  };
}
