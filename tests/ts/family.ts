// Type-checks the family declarations as the shells use them (tsc --noEmit --strict).
import init, {
  PolicySet, checkBinding, nextBindingState, previewPayment, checkWalletTransfer, checkUse,
  estimateMonthlyCredit, relations, relationName, bindingStates, checkQuota, quotaSummary, releaseQuota, relationEnd,
} from '../../pkg/web/gongji.js';
import type {
  AllowedEvent, BindingActor, BindingDecision, BindingRequest, BindingTransition, BindingStateId, BindingEventId,
  Channel, CreditEstimate, InsuredPerson, Notice, PaymentSplit, PolicyRef, Policy, QuotaDecision, QuotaEntry,
  QuotaRelease, QuotaSummary, RelationEnd, RelationInfo, UseDecision, WalletDecision, WalletRules,
} from '../../pkg/web/gongji.js';

export async function family(): Promise<string> {
  await init();
  const holder: InsuredPerson = { certno: '620102198001011234', psn_name: '张三', insutype: '310', psn_insu_stas: '1', insuplc_admdvs: '620102' };
  const member: InsuredPerson = { certno: '620102195505051213', insutype: 390, psn_insu_stas: 1, insuplc_admdvs: '621102' };
  const request: BindingRequest = { holder, member, relation: '51', date: '2025-06-01', bindings: [{ holderCertno: holder.certno ?? '', memberCertno: 'x', state: 'active' }] };

  let set: PolicySet;
  try {
    set = PolicySet.fromJson(PolicySet.builtInJson());
  } catch {
    set = PolicySet.builtIn();
  }
  const decision: BindingDecision = set.checkBinding(request);
  const viaModule: BindingDecision = checkBinding(request);
  const reasons: Notice[] = decision.reasons;
  const policy: PolicyRef | null = decision.policy;
  const face: boolean = viaModule.needsFaceCheck;
  const all: Policy[] = set.policies();
  const inForce: PolicyRef | undefined = set.policyFor('620102', '2025-06-01');
  const wallet: WalletRules = set.walletRules();

  const next: BindingTransition = nextBindingState('active', 'unbind', { date: '2025-06-01', boundAt: '2025-01-01', region: '620102' });
  const plain: BindingTransition = nextBindingState('invited', 'confirm');
  const state: BindingStateId | '' = next.state;

  const split: PaymentSplit = previewPayment({ selfPay: '100.00', ownBalance: '20', holders: [{ psn_no: '1', psn_name: '张三', balc: '50' }] });
  const cash: string = split.cash;
  const w: WalletDecision = checkWalletTransfer({ amount: '100', at: '2025-06-01 12:00:00', transfersToday: 0, pending: false });
  const u: UseDecision = checkUse({ use: '11', date: '2025-06-01', region: '620102' });
  const c: CreditEstimate = estimateMonthlyCredit({ psnType: '1101', contributionBase: '5000', date: '2025-06-01' });
  const amount: string | null = c.amount;
  const picker: RelationInfo[] = relations();
  const name: string | undefined = relationName('10');
  const labels: string[] = bindingStates().map((s) => s.label);
  // The shells' buttons come from the lifecycle table: the holder's own events per state.
  const holderEvents: BindingEventId[] = bindingStates()
    .flatMap((s) => s.events)
    .filter((e: AllowedEvent) => e.by === ('holder' satisfies BindingActor))
    .map((e) => e.event);

  // Cross-province sharing (2026): the channel, the 共济额度 and the relation's automatic end.
  const channel: Channel = decision.channel;
  const quotas: QuotaEntry[] = [{ psn_no: 'P1', amount: '300.00', used: 120.5 }];
  const q: QuotaDecision = checkQuota({ balance: '1000.00', quotas, psnNo: 'P2', amount: '900', date: '2026-06-01', region: '620102' });
  const max: string | null = q.maxAmount;
  const viaSet: QuotaDecision = set.checkQuota({ balance: 1000, psnNo: 'P2', amount: 10, date: '2026-06-01' });
  const s: QuotaSummary = quotaSummary({ balance: '1000.00', quotas });
  const available: string | null = s.available;
  const r: QuotaRelease = releaseQuota({ balance: '1000.00', quotas, psnNo: 'P1' });
  const e: RelationEnd = relationEnd({ holder, member, holderRegionAtStart: '620102', memberRegionAtStart: '610113', date: '2026-06-01' });
  const event: BindingEventId | null = e.event;
  const ended: BindingTransition = nextBindingState('active', 'end');
  const drawn: PaymentSplit = previewPayment({ selfPay: '500', ownBalance: '100', ownReserved: '0', holders: [{ balc: '2000', quota: '300', reserved: '0' }] });
  const drawChannel: Channel = drawn.shared[0].channel;
  const quotaAfter: string | null = drawn.shared[0].quotaAfter;

  return [reasons.length, policy?.id, face, all.length, inForce?.document, wallet.maxPerDay, state, plain.allowed,
    cash, w.allowed, u.category, amount, picker.length, name, labels.join(), holderEvents.join(), channel, max,
    viaSet.allowed, available, r.returned, event, ended.state, drawChannel, quotaAfter].join(' ');
}
