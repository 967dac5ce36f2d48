// The family API as a shell uses it, against the built pkg/ (Node entry).
import test from 'node:test';
import assert from 'node:assert/strict';
import { gongji, thrown } from './helpers.mjs';

const { PolicySet, checkBinding, nextBindingState, previewPayment, checkWalletTransfer, checkUse, estimateMonthlyCredit, relations, relationName, bindingStates, setLocale } = gongji;

// As the provincial 1101 response gives them (baseinfo + the insuinfo entry).
const holder = { certno: '620102198001011234', psn_name: '张三', insutype: '310', psn_type: '1101', psn_insu_stas: '1', insuplc_admdvs: '620102', balc: '1000.50' };
const grandfather = { certno: '620102193005051213', psn_name: '张爷爷', insutype: '390', psn_type: '1601', psn_insu_stas: '1', insuplc_admdvs: '621102' };

test('README example: may I bind my grandfather?', () => {
  const before = checkBinding({ holder, member: grandfather, relation: '61', date: '2024-06-01' });
  assert.equal(before.eligible, false);
  assert.deepEqual(before.reasons.map((r) => r.code), ['BIND_RELATION_NOT_ALLOWED']);
  assert.match(before.reasons[0].message, /祖父/);
  assert.deepEqual(before.policy, { id: 'GS-2023', title: '甘肃省职工基本医疗保险门诊共济保障实施办法', document: '《甘肃省职工基本医疗保险门诊共济保障实施办法》', effective: '2023-01-01' });

  const after = checkBinding({ holder, member: grandfather, relation: '61', date: '2025-06-01', bindings: [] });
  assert.equal(after.eligible, true);
  assert.deepEqual(after.reasons, []);
  assert.equal(after.policy.document, '国办发〔2024〕38号');
  assert.equal(after.needsFaceCheck, true);
});

test('every reason is reported, with text in both scripts', () => {
  const input = {
    holder: { ...holder, insutype: '390', psn_insu_stas: '2' },
    member: { ...grandfather, insutype: '510', psn_insu_stas: '4', insuplc_admdvs: '110105' },
    relation: '55',
    date: '2025-06-01',
  };
  const codes = ['BIND_HOLDER_NOT_EMPLOYEE', 'BIND_HOLDER_STATUS', 'BIND_MEMBER_NOT_INSURED', 'BIND_MEMBER_STATUS', 'BIND_OTHER_PROVINCE', 'BIND_RELATION_NOT_ALLOWED'];
  const hans = checkBinding(input);
  assert.deepEqual(hans.reasons.map((r) => r.code), codes);
  setLocale('zh-Hant');
  try {
    const hant = checkBinding(input);
    assert.deepEqual(hant.reasons.map((r) => r.code), codes);
    assert.match(hant.reasons[4].message, /醫保錢包/);
    assert.notEqual(hant.reasons[0].message, hans.reasons[0].message);
  } finally {
    setLocale('zh-Hans');
  }
  for (const r of hans.reasons) assert.ok(!r.message.includes(holder.certno) && !r.message.includes('张'));
});

test('junk input gives coded reasons or a coded Error, never a crash', () => {
  const empty = checkBinding({});
  assert.equal(empty.eligible, false);
  assert.ok(empty.reasons.every((r) => r.code === 'FAMILY_FIELD_MISSING'));
  const wrongTypes = checkBinding({ holder: { certno: 12, insutype: {}, psn_insu_stas: true }, member: [], relation: null, date: 7 });
  assert.equal(wrongTypes.eligible, false);
  for (const bad of [undefined, null, 'text', 42]) {
    const error = thrown(() => checkBinding(bad));
    assert.ok(error instanceof Error);
    assert.equal(error.code, 'BOUNDARY_BAD_ARGUMENT');
  }
  // The instance still works afterwards (no trap killed it).
  assert.equal(checkBinding({ holder, member: grandfather, relation: '61', date: '2025-06-01' }).eligible, true);
});

test('PolicySet: load an update, reject a malformed one whole', () => {
  const builtIn = PolicySet.builtIn();
  const json = JSON.parse(PolicySet.builtInJson());
  json.policies[2].limits.membersPerHolder = 1;
  const updated = PolicySet.fromJson(JSON.stringify(json));
  const bindings = [{ holderCertno: holder.certno, memberCertno: '620102195505051213' }];
  assert.deepEqual(updated.checkBinding({ holder, member: grandfather, relation: '61', date: '2025-06-01', bindings }).reasons.map((r) => r.code), ['BIND_MEMBERS_PER_HOLDER']);
  assert.equal(builtIn.checkBinding({ holder, member: grandfather, relation: '61', date: '2025-06-01', bindings }).eligible, true);

  for (const bad of ['', '{', '{"format":1}', JSON.stringify({ ...json, policies: [] }), 42]) {
    const error = thrown(() => PolicySet.fromJson(bad));
    assert.equal(error.code, 'POLICY_SET_INVALID');
    assert.equal(error.name, 'GongjiError');
  }
  assert.equal(builtIn.policies().length, 4);
  assert.equal(builtIn.policyFor('620102', '2023-06-01').id, 'GS-2023');
  assert.equal(builtIn.policyFor('620102', '2020-06-01'), undefined);
  assert.equal(builtIn.walletRules().maxPerTransfer, '2000.00');
});

test('lifecycle: the four allowed transitions and a refused one', () => {
  const steps = [['invited', 'confirm', 'reviewing'], ['reviewing', 'approve', 'active'], ['reviewing', 'reject', 'rejected'], ['active', 'unbind', 'unbound']];
  for (const [state, event, next] of steps) {
    const t = nextBindingState(state, event, { date: '2025-06-01', boundAt: '2025-01-01', region: '620102' });
    assert.equal(t.allowed, true);
    assert.equal(t.state, next);
    assert.equal(t.reason, null);
  }
  const refused = nextBindingState('unbound', 'approve');
  assert.equal(refused.allowed, false);
  assert.equal(refused.state, 'unbound');
  assert.equal(refused.reason.code, 'BIND_TRANSITION_INVALID');
  assert.deepEqual(bindingStates().map((s) => s.label), ['待确认', '审核中', '正常', '已驳回', '已解绑']);
});

test('payment split is exact and names are masked', () => {
  const split = previewPayment({ selfPay: '1000.10', ownBalance: '200.05', holders: [{ psn_no: '62010000000000000000000001', psn_name: '张三丰', balc: '300' }, { psn_no: '2', psn_name: '李四', balc: 1000.5 }] });
  assert.equal(split.ownAccount, '200.05');
  assert.deepEqual(split.shared.map((d) => [d.psnName, d.pay, d.balanceAfter]), [['张*丰', '300.00', '0.00'], ['李*', '500.05', '500.45']]);
  assert.equal(split.cash, '0.00');
  assert.equal(thrown(() => previewPayment({ selfPay: 'abc' })).code, 'PAY_AMOUNT_INVALID');
});

test('wallet, uses and monthly credit', () => {
  const w = checkWalletTransfer({ amount: '2000.01', at: '2025-06-01 05:30:00', transfersToday: 3, pending: true });
  assert.deepEqual(w.reasons.map((r) => r.code), ['WALLET_OVER_MAX', 'WALLET_DAILY_LIMIT', 'WALLET_NIGHT', 'WALLET_PENDING']);
  assert.equal(checkWalletTransfer({ amount: '500', at: '2025-06-01 12:00:00', transfersToday: 0, pending: false }).allowed, true);

  assert.equal(checkUse({ use: '140104', date: '2025-06-01', region: '620102' }).allowed, true);
  assert.equal(checkUse({ use: '健身', date: '2025-06-01' }).reason.code, 'USE_NEVER');
  assert.equal(checkUse({ use: '居民医保缴费', date: '2025-06-01' }).allowed, true);
  assert.equal(checkUse({ use: '居民医保缴费', date: '2022-06-01' }).allowed, false);

  const onDuty = estimateMonthlyCredit({ psnType: '1101', contributionBase: '6543.25', date: '2025-06-01', region: '620102' });
  assert.deepEqual([onDuty.status, onDuty.amount], ['estimated', '130.87']);
  const retired = estimateMonthlyCredit({ psnType: '1201', date: '2025-06-01', region: '620102' });
  assert.deepEqual([retired.status, retired.amount, retired.seeAccountHistory, retired.basis.code], ['unknown', null, true, 'CREDIT_RETIREE_UNKNOWN']);
});

test('relations picker', () => {
  const list = relations();
  assert.ok(list.length > 80);
  const spouse = list.find((r) => r.code === '10');
  assert.deepEqual(spouse, { code: '10', name: '配偶', groups: ['spouse', 'near_kin', 'set2021'] });
  assert.equal(relationName('56'), '岳母');
  assert.equal(relationName('xx'), undefined);
});
