// What a runtime can be told when it is loaded, what it reports of an execution, and how an
// execution that Apps Script would have stopped ends.
export interface GasRuntimeOptions {
  clock?: () => number;
  spreadsheetId?: string;
  timeZone?: string;
  /** Whether getActiveSpreadsheet() returns the bound spreadsheet in a web app (default true). */
  activeInWebApp?: boolean;
  ownerEmail?: string;
  /** Wall-clock limit of one execution, standing in for Apps Script's 6 minutes (default 30 s). */
  executionTimeoutMs?: number;
  /** Apps Script's 6 minutes on modelled time (EXECUTION_LIMIT_SECONDS, say); not enforced by default. */
  modelledLimitSeconds?: number;
  /** The bound spreadsheet's grid limit (default Google's 10,000,000 cells). */
  cellLimit?: number;
}

/** What the last execution to end spent: priced calls and modelled seconds (cost-model.ts). */
export interface ExecutionCost {
  name: string;
  calls: number;
  seconds: number;
}

export class GasRuntimeError extends Error {
  constructor(
    readonly code: 'function_not_found' | 'timeout' | 'killed',
    message: string,
  ) {
    super(message);
  }
}
