// Type-checks the money declarations (tsc --noEmit --strict): the shapes a shell relies on.
import init, {
  parseYuan, checkYuan, formatYuan, formatYuanMany, toChineseUppercase, toChineseUppercaseMany, toSpokenChinese,
  roundYuan, addYuan, subtractYuan, compareYuan, negateYuan, absYuan, sumYuan,
  type FormatYuanOptions, type ChineseUppercaseOptions, type ParseYuanOptions, type YuanCheck,
} from '../../pkg/web/gongji.js';

export async function money(typed: string): Promise<string[]> {
  await init();
  const parseOptions: ParseYuanOptions = { allowNegative: true };
  const check: YuanCheck = checkYuan(typed, parseOptions);
  const shown: string = check.valid && check.value !== undefined ? formatYuan(check.value) : (check.message ?? '');
  const code: string | undefined = check.code;
  const formatOptions: FormatYuanOptions = { symbol: false, unit: true, grouping: false, masked: false };
  const page: string[] = formatYuanMany(['1', '2.5'], formatOptions);
  const capitalsOptions: ChineseUppercaseOptions = { prefix: true, zhengAfterJiao: true };
  const capitals: string = toChineseUppercase(parseYuan(typed), capitalsOptions);
  const order: -1 | 0 | 1 = compareYuan(addYuan('1', '2'), subtractYuan('3', '0.01'));
  const sorted: string[] = ['2', '10'].sort(compareYuan);
  return [
    shown, code ?? '', ...page, capitals, toSpokenChinese('2000'), String(order), ...sorted,
    roundYuan('1.005'), negateYuan('1'), absYuan('-1'), sumYuan(['1', '2']), formatYuan('1'),
    ...toChineseUppercaseMany(['1']), toChineseUppercase('1'),
  ];
}
