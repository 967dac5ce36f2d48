/// <reference lib="esnext.disposable" />
// (wasm-bindgen declares `[Symbol.dispose]()` on exported classes.)
// Type-checks the Ledger declarations the shells rely on.
import init, { Ledger } from '../../pkg/web/gongji.js';
import type { Query, QueryResult, LedgerItem, Sums, MonthSummary, MemberTotals, Reconciliation, Anomaly, Freshness, RejectionView } from '../../pkg/web/gongji.js';

export async function ledger(text: string): Promise<string> {
  await init();
  const book: Ledger = Ledger.fromJson(text);
  const query: Query = { from: '2024-01-01', to: '2024-12-31', members: ['P1'], types: ['settlement'], medTypes: ['14', 'other'], order: 'desc', offset: 0, limit: 20 };
  const result: QueryResult = book.query(query);
  const first: LedgerItem | undefined = result.items[0];
  const sums: Sums = result.sums;
  const months: MonthSummary[] = book.monthly({ from: '2024-01-01' });
  const people: MemberTotals[] = book.byMember();
  const report: Reconciliation = book.reconcile();
  const anomaly: Anomaly | undefined = report.anomalies[0];
  const fresh: Freshness = book.freshness('2024-12-31 12:00:00', { maxAgeHours: 12 });
  const rejected: RejectionView[] = book.rejected();
  const csv: string = book.toCsv(query);
  const all: QueryResult = book.query();
  const size: number = book.size;
  book.free();
  return [
    result.total,
    first?.amountText ?? '',
    first?.medTypeName ?? '',
    first?.memberName ?? '',
    sums.acctMulaidPay,
    months[0]?.net ?? '',
    people[0]?.role ?? '',
    report.difference,
    report.hotline,
    anomaly?.code ?? '',
    fresh.notices.length,
    rejected[0]?.index ?? -1,
    csv.length,
    all.total,
    size,
  ].join(' ');
}
