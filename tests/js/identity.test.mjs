// identity against the built package (pkg/): shapes, codes, locales, junk, masking.
import test from 'node:test';
import assert from 'node:assert/strict';
import { gongji, thrown } from './helpers.mjs';

const AS_OF = '2026-11-23';

test('a valid number reports its parts', () => {
  const r = gongji.validateResidentId(' 11010519491231002x ', AS_OF);
  assert.deepEqual(r, {
    valid: true,
    normalized: '11010519491231002X',
    kind: 'resident',
    birthDate: '1949-12-31',
    sex: 'female',
    age: 76,
    regionCode: '110105',
    regionName: '北京市朝阳区',
    region: { province: '北京市', county: '朝阳区' },
  });
});

test('each rule has its own code, in order', () => {
  const cases = [
    ['', 'ID_EMPTY'],
    ['1101051949', 'ID_LENGTH'],
    ['1101051949123100XX', 'ID_CHARACTERS'],
    ['110105194912310021', 'ID_CHECK_DIGIT'],
    ['110105194902300020', 'ID_BIRTH_DATE_INVALID'],
    ['110105189912310023', 'ID_BIRTH_DATE_TOO_EARLY'],
    ['110105202712310022', 'ID_BIRTH_DATE_FUTURE'],
    ['999999194912310025', 'ID_REGION_UNKNOWN'],
    ['110103201501010014', 'ID_REGION_NOT_IN_USE'],
  ];
  for (const [text, code] of cases) {
    const r = gongji.validateResidentId(text, AS_OF);
    assert.equal(r.valid, false, text);
    assert.equal(r.code, code, text);
    assert.ok(r.message.length > 0);
    assert.ok(!(text && r.message.includes(text)), 'message must not echo the value');
    assert.equal(r.normalized, undefined);
  }
});

test('legacy 15-digit numbers come back upgraded', () => {
  const r = gongji.validateResidentId('110105491231002', AS_OF);
  assert.equal(r.valid, true);
  assert.equal(r.kind, 'resident15');
  assert.equal(r.normalized, '11010519491231002X');
});

test('junk never throws and is invalid', () => {
  const junk = ['', ' ', '3²', 'ⅷ', '⑱', '€', '\uD800', '\uDC00abc', '1'.repeat(1 << 20), null, undefined];
  for (const text of junk) {
    assert.equal(gongji.validateResidentId(text, AS_OF).valid, false);
    assert.equal(gongji.validatePhone(text).valid, false);
    assert.equal(gongji.validateName(text).valid, false);
    assert.equal(gongji.validateSmsCode(text).valid, false);
    assert.ok(typeof gongji.maskResidentId(text) === 'string');
  }
  // A lone surrogate inside an otherwise valid number is not silently dropped.
  assert.equal(gongji.validateResidentId('11010519491231002\uD800', AS_OF).valid, false);
});

test('non-text arguments and bad asOf are misuse and throw a GongjiError', () => {
  for (const call of [() => gongji.validateResidentId(110105, AS_OF), () => gongji.validateResidentId('1', '2026/01/01')]) {
    const error = thrown(call);
    assert.equal(error.name, 'GongjiError');
    assert.ok(['BOUNDARY_BAD_ARGUMENT', 'DATE_INVALID'].includes(error.code));
  }
  assert.equal(thrown(() => gongji.validateForm('signup', {})).code, 'FORM_UNKNOWN_KIND');
});

test('asOf defaults to today', () => {
  assert.equal(gongji.validateResidentId('11010519491231002X').valid, true);
});

test('batch variants agree with the single call', () => {
  const texts = ['11010519491231002X', '110105194912310021', '', '110105491231002'];
  const reports = gongji.validateResidentIds(texts, AS_OF);
  assert.deepEqual(reports, texts.map((t) => gongji.validateResidentId(t, AS_OF)));
  assert.deepEqual([...gongji.residentIdValidity(texts, AS_OF)], reports.map((r) => (r.valid ? 1 : 0)));
});

test('phones, SMS codes, names and codes', () => {
  assert.deepEqual(gongji.validatePhone('+86 138-1234-1234'), { valid: true, normalized: '13812341234' });
  assert.equal(gongji.validatePhone('12812341234').code, 'PHONE_PREFIX');
  assert.equal(gongji.validateSmsCode('12345').code, 'SMS_CODE_INVALID');
  assert.equal(gongji.validateName('买买提・艾力').normalized, '买买提·艾力');
  assert.equal(gongji.validateName('𠀀𪚥').valid, true);
  assert.equal(gongji.validateName('张3').code, 'NAME_CHARACTERS');
  assert.equal(gongji.validateInstitutionCode('H62010200001').valid, true);
  assert.equal(gongji.validateAdmdvs('629900').valid, true);
  assert.equal(gongji.validatePsnNo('6'.repeat(31)).code, 'PSN_NO_INVALID');
});

test('forms list every failing field', () => {
  assert.deepEqual(gongji.validateForm('login', { certno: '11010519491231002X', phone: '13812341234', smsCode: '123456' }, AS_OF), { ok: true, errors: [] });
  const r = gongji.validateForm('bind', { name: '张三', certno: '110105194912310021', relation: '1' }, AS_OF);
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['certno', 'ID_CHECK_DIGIT'], ['relation', 'FORM_RELATION_INVALID'], ['phone', 'PHONE_EMPTY']]);
});

test('a form reads only its own fields: a wrong type is misuse there, and not looked at in a field the form lacks', () => {
  const login = { certno: '11010519491231002X', phone: '13812341234', smsCode: '123456' };
  // A login form has no captcha, relation or name: what a caller left there is not read.
  assert.deepEqual(gongji.validateForm('login', { ...login, captcha: 7, relation: {}, name: 1 }, AS_OF), { ok: true, errors: [] });
  // The same values are misuse in the form that has them.
  assert.equal(thrown(() => gongji.validateForm('cardLogin', { certno: login.certno, cardNo: 'A62110206', captcha: 7 }, AS_OF)).code, 'BOUNDARY_BAD_ARGUMENT');
  assert.equal(thrown(() => gongji.validateForm('bind', { ...login, name: 1 }, AS_OF)).code, 'BOUNDARY_BAD_ARGUMENT');
  assert.equal(thrown(() => gongji.validateForm('login', { ...login, phone: 13812341234 }, AS_OF)).code, 'BOUNDARY_BAD_ARGUMENT');
});

test('Traditional text on request', () => {
  gongji.setLocale('zh-Hant');
  try {
    assert.match(gongji.validateResidentId('110105194912310021', AS_OF).message, /號碼/);
  } finally {
    gongji.setLocale('zh-Hans');
  }
  assert.match(gongji.validateResidentId('110105194912310021', AS_OF).message, /号码/);
});

test('masking', () => {
  assert.equal(gongji.maskResidentId('11010519491231002X'), '1101**********002X');
  assert.equal(gongji.maskPhone('13812341234'), '138****1234');
  assert.equal(gongji.maskName('张小三'), '张*三');
  assert.equal(gongji.maskName('王五'), '王*');
  assert.equal(gongji.maskName('John Smith'), 'J*** S****');
});
