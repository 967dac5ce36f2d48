// The relation picker's order and words, for the portal and both mini-programs: the
// relations people pick most often first, in the words they use (儿子, not 子; 哥哥, not 兄),
// then the whole GB/T 4761 table from the core under 其他关系. Each plain word stands for a
// code of that table (data/relations/gbt4761.tsv), so what is sent and judged is unchanged:
// 60 is 祖父母或外祖父母 and 40 孙子、孙女或外孙子、外孙女 in the standard itself, which is why
// two plain words share each of them.

/** [code, 简体, 繁體] in the order of the list of common relations. */
const COMMON = [
  ['10', '配偶（丈夫或妻子）', '配偶（丈夫或妻子）'],
  ['51', '父亲', '父親'],
  ['52', '母亲', '母親'],
  ['20', '儿子', '兒子'],
  ['30', '女儿', '女兒'],
  ['71', '哥哥', '哥哥'],
  ['73', '弟弟', '弟弟'],
  ['75', '姐姐', '姐姐'],
  ['77', '妹妹', '妹妹'],
  ['60', '祖父母（爷爷、奶奶）', '祖父母（爺爺、奶奶）'],
  ['60', '外祖父母（外公、外婆）', '外祖父母（外公、外婆）'],
  ['40', '孙子女（孙子、孙女）', '孫子女（孫子、孫女）'],
  ['40', '外孙子女（外孙子、外孙女）', '外孫子女（外孫子、外孫女）'],
];

/**
 * The common relations (plain words) the core's table knows, then the whole table.
 * @param {{code: string, name: string}[]} relations  the core's relationList()
 * @param {string} locale  'zh-Hans' | 'zh-Hant'
 * @returns {{common: {code: string, name: string}[], others: {code: string, name: string}[]}}
 */
export function relationChoices(relations, locale) {
  const known = new Set(relations.map((r) => r.code));
  const column = locale === 'zh-Hant' ? 2 : 1;
  const common = COMMON.filter((row) => known.has(row[0])).map((row) => ({ code: row[0], name: row[column] }));
  return { common, others: relations };
}

// The table's one-character names, spelled out on tags and lists ("女" alone reads as a
// sex, not a daughter). These characters are the same in 简体 and 繁體, so the name is the key.
const SPELLED_OUT = { 子: ['儿子', '兒子'], 女: ['女儿', '女兒'], 兄: ['哥哥', '哥哥'], 弟: ['弟弟', '弟弟'], 夫: ['丈夫', '丈夫'], 妻: ['妻子', '妻子'] };

/** A relation's name as a tag shows it: the bare one-character names spelled out. */
export function plainRelation(name, locale) {
  const pair = SPELLED_OUT[name];
  return pair ? pair[locale === 'zh-Hant' ? 1 : 0] : name;
}
