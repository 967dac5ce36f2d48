// Type-checks the family declarations as the shells use them (tsc --noEmit --strict).
import init, {
  PolicySet, checkBinding, nextBindingState, previewPayment, checkWalletTransfer, checkUse,
  estimateMonthlyCredit, relations, relationName, bindingStates,
} from '../../pkg/web/gongji.js';
import type {
  AllowedEvent, BindingActor, BindingDecision, BindingEventId, BindingRequest, BindingTransition, BindingStateId,
  CreditEstimate, InsuredPerson,
  Notice, PaymentSplit, PolicyRef, Policy, RelationInfo, UseDecision, WalletDecision, WalletRules,
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

  return [reasons.length, policy?.id, face, all.length, inForce?.document, wallet.maxPerDay, state, plain.allowed,
    cash, w.allowed, u.category, amount, picker.length, name, labels.join(), holderEvents.join()].join(' ');
}
