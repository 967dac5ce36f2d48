// 关于 in the portal's footer: which policy set the rules come from — its version, issue date
// and sources — and, when a download of a newer set failed or was refused, the one quiet
// notice line that the set in use stays (policy-updates.js decides; this only draws it).

import { t } from '/shared/labels.js';
import { h, replace } from './dom.js';

/** Draws 关于 from the policy updates' state, in the current script. */
export async function renderAbout(updates) {
  const section = document.getElementById('about');
  if (!section) return;
  const view = await updates.describe(t);
  replace(section,
    h('h2#about-title', { text: t('about') }),
    h('p#policy-version', { text: view.line, 'data-version': view.version }),
    h('p.sources', { text: `${t('policySources')}：${view.sources.join('；')}` }),
    view.notice ? h('p#policy-notice.notice', { role: 'status', text: view.notice.text, 'data-cause': view.notice.cause }) : null);
}
