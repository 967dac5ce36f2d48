// Type-checks the generated declarations (tsc --noEmit --strict): the shapes a shell relies on.
import init, { errorCodes, isGongjiError, messageCatalog, messageFor, setLocale, getLocale, version } from '../../pkg/web/gongji.js';
import type { ErrorCode, GongjiError } from '../../pkg/web/gongji.js';

export async function common(): Promise<string> {
  await init();
  setLocale('zh-Hant');
  const codes: string[] = errorCodes();
  const text: string | undefined = messageFor(codes[0] ?? '');
  const catalog = messageCatalog();
  const first: string = catalog[0]?.code ?? '';
  return `${version()} ${getLocale()} ${text ?? ''} ${first}`;
}

export function describe(error: unknown): string {
  if (!isGongjiError(error)) return 'not a GongjiError';
  const e: GongjiError = error;
  const code: ErrorCode = e.code;
  return code === 'BOUNDARY_UNKNOWN_LOCALE' ? e.message : `${e.name}: ${code}`;
}
