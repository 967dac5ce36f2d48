// Type-checks the identity declarations a shell relies on.
import init, {
  validateResidentId, validateResidentIds, residentIdValidity, validatePhone, validateSmsCode, validateName,
  validateInstitutionCode, validateAdmdvs, validatePsnNo, validateForm, maskResidentId, maskPhone, maskName,
} from '../../pkg/web/gongji.js';
import type { ResidentIdReport, CheckReport, FormReport, FormValues, IdKind, Sex, RegionName, FieldError } from '../../pkg/web/gongji.js';

export async function identity(): Promise<string> {
  await init();
  const report: ResidentIdReport = validateResidentId('11010519491231002X', '2026-11-23');
  const kind: IdKind | undefined = report.kind;
  const sex: Sex | undefined = report.sex;
  const region: RegionName | undefined = report.region;
  const age: number | undefined = report.age;
  const many: ResidentIdReport[] = validateResidentIds(['11010519491231002X'], undefined);
  const flags: Uint8Array = residentIdValidity(['11010519491231002X'], undefined);
  const checks: CheckReport[] = [validatePhone('13812341234'), validateSmsCode('123456'), validateName('张三'),
    validateInstitutionCode('H62010200001'), validateAdmdvs('620102'), validatePsnNo('1')];
  const values: FormValues = { certno: '11010519491231002X', phone: '13812341234', smsCode: '123456' };
  const form: FormReport = validateForm('login', values, undefined);
  const first: FieldError | undefined = form.errors[0];
  // asOf is optional (today in China when left out), as documented: validateResidentId(text, asOf?).
  const today: boolean = validateResidentId('11010519491231002X').valid && validateResidentIds([]).length === 0
    && residentIdValidity([]).length === 0 && validateForm('bind', {}).ok;
  const masked: string = maskResidentId('11010519491231002X') + maskPhone('13812341234') + maskName('张三');
  return `${report.valid} ${kind ?? ''} ${sex ?? ''} ${region?.province ?? ''} ${age ?? 0} ${many.length} ${flags.length} ${checks.length} ${form.ok} ${first?.code ?? ''} ${masked} ${today}`;
}
