// Which methods of each fake the script may call, which calls the spreadsheet counter prices,
// and how many cells each call moves.
import { CACHE_API, CACHE_SERVICE_API, FakeCache, FakeCacheService } from './cache.js';
import {
  CONTENT_SERVICE_API,
  FakeContentService,
  FakeTextOutput,
  MimeType as TEXT_MIME_TYPES,
  TEXT_OUTPUT_API,
} from './content.js';
import {
  CHART_BUILDER_API,
  CHART_OPTIONS_API,
  CHARTS_ENUMS,
  CONTAINER_INFO_API,
  EMBEDDED_CHART_API,
  FakeBarChartBuilder,
  FakeChartOptions,
  FakeChartsService,
  FakeColumnChartBuilder,
  FakeContainerInfo,
  FakeEmbeddedChart,
  FakeEmbeddedChartBuilder,
  TYPED_CHART_BUILDER_API,
} from './charts.js';
import type { Exposer } from './expose.js';
import {
  FakeHtmlOutput,
  FakeHtmlService,
  FakeHtmlTemplate,
  HTML_OUTPUT_API,
  HTML_SERVICE_API,
  HTML_TEMPLATE_API,
  SandboxMode,
  XFrameOptionsMode,
} from './html.js';
import { FakeLock, FakeLockService, LOCK_API, LOCK_SERVICE_API } from './lock.js';
import { FakeProperties, FakePropertiesService, PROPERTIES_API, PROPERTIES_SERVICE_API } from './properties.js';
import { PROTECTION_API, FakeProtection } from './protection.js';
import { FakeRange, RANGE_API } from './range.js';
import { FakeRangeList, RANGE_LIST_API } from './range-list.js';
import { RICH_TEXT_BUILDER_API, RICH_TEXT_VALUE_API, RichTextValue, RichTextValueBuilder } from './richtext.js';
import {
  BooleanCondition,
  CONDITION_API,
  ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  RULE_API,
  RULE_BUILDER_API,
} from './rules.js';
import { FakeLogger, FakeSession, FakeUser, LOGGER_API, SESSION_API, USER_API } from './session.js';
import { FakeFilter, FILTER_API } from './filter.js';
import { FakeSheet } from './sheet.js';
import { SHEET_API } from './sheet-api.js';
import {
  CLOCK_TRIGGER_BUILDER_API,
  FakeClockTriggerBuilder,
  FakeScriptApp,
  FakeTrigger,
  FakeTriggerBuilder,
  SCRIPT_APP_API,
  SCRIPT_APP_PROPS,
  TRIGGER_API,
  TRIGGER_BUILDER_API,
} from './script-app.js';
import { FakeSpreadsheet, SPREADSHEET_API } from './spreadsheet.js';
import { FakeSpreadsheetApp, SPREADSHEET_APP_API, SPREADSHEET_APP_ENUMS } from './spreadsheet-app.js';
import { Button, ButtonSet, FakeMenu, FakeUi, MENU_API, PROMPT_RESPONSE_API, PromptResponse, UI_API } from './ui.js';
import { FakeTextFinder, TEXT_FINDER_API } from './text-finder.js';
import { BLOB_API, FakeBlob, FakeUtilities, UTILITIES_API, UTILITIES_ENUMS } from './utilities.js';

const READS: Record<string, boolean> = {
  getValues: true,
  getDisplayValues: true,
  getRichTextValues: true,
  getFormulas: true,
  getNumberFormats: true,
};
const SINGLE_READS = new Set(['getValue', 'getDisplayValue', 'getRichTextValue', 'getFormula', 'getNumberFormat']);
const WRITES = new Set([
  'setValues',
  'setValue',
  'setFormulas',
  'setFormula',
  'setRichTextValues',
  'setRichTextValue',
  'setNumberFormats',
  'setNumberFormat',
  'clearContent',
]);

function rangeCells(method: string, target: object): { read?: number; written?: number } | undefined {
  const range = target as FakeRange;
  const size = range.box.numRows * range.box.numCols;
  if (READS[method]) return { read: size };
  if (SINGLE_READS.has(method)) return { read: 1 };
  if (WRITES.has(method)) return { written: size };
  return undefined;
}

function sheetCells(method: string, _target: object, args: unknown[]): { written?: number } | undefined {
  return method === 'appendRow' && Array.isArray(args[0]) ? { written: args[0].length } : undefined;
}

export function registerApis(x: Exposer): void {
  x.register(FakeSpreadsheetApp, {
    name: 'SpreadsheetApp',
    counted: true,
    methods: SPREADSHEET_APP_API,
    props: SPREADSHEET_APP_ENUMS,
  });
  x.register(FakeSpreadsheet, { name: 'Spreadsheet', counted: true, methods: SPREADSHEET_API });
  x.register(FakeSheet, { name: 'Sheet', counted: true, methods: SHEET_API, cells: sheetCells });
  x.register(FakeRange, { name: 'Range', counted: true, methods: RANGE_API, cells: rangeCells });
  x.register(FakeRangeList, { name: 'RangeList', counted: true, methods: RANGE_LIST_API });
  x.register(FakeProtection, { name: 'Protection', counted: true, methods: PROTECTION_API });
  x.register(FakeFilter, { name: 'Filter', counted: true, methods: FILTER_API });
  x.register(FakeTextFinder, { name: 'TextFinder', counted: true, methods: TEXT_FINDER_API });
  x.register(RichTextValue, { name: 'RichTextValue', counted: false, methods: RICH_TEXT_VALUE_API });
  x.register(RichTextValueBuilder, { name: 'RichTextValueBuilder', counted: false, methods: RICH_TEXT_BUILDER_API });
  x.register(ConditionalFormatRule, { name: 'ConditionalFormatRule', counted: false, methods: RULE_API });
  x.register(ConditionalFormatRuleBuilder, {
    name: 'ConditionalFormatRuleBuilder',
    counted: false,
    methods: RULE_BUILDER_API,
  });
  x.register(BooleanCondition, { name: 'BooleanCondition', counted: false, methods: CONDITION_API });
  registerCharts(x);
  x.register(FakeUi, { name: 'Ui', counted: false, methods: UI_API, props: { Button, ButtonSet } });
  x.register(FakeMenu, { name: 'Menu', counted: false, methods: MENU_API });
  x.register(PromptResponse, { name: 'PromptResponse', counted: false, methods: PROMPT_RESPONSE_API });
  x.register(FakeHtmlService, {
    name: 'HtmlService',
    counted: false,
    methods: HTML_SERVICE_API,
    props: { SandboxMode, XFrameOptionsMode },
  });
  x.register(FakeHtmlOutput, { name: 'HtmlOutput', counted: false, methods: HTML_OUTPUT_API });
  x.register(FakeHtmlTemplate, { name: 'HtmlTemplate', counted: false, methods: HTML_TEMPLATE_API, open: true });
  x.register(FakeContentService, {
    name: 'ContentService',
    counted: false,
    methods: CONTENT_SERVICE_API,
    props: { MimeType: TEXT_MIME_TYPES },
  });
  x.register(FakeTextOutput, { name: 'TextOutput', counted: false, methods: TEXT_OUTPUT_API });
  x.register(FakeLockService, { name: 'LockService', counted: false, methods: LOCK_SERVICE_API });
  x.register(FakeLock, { name: 'Lock', counted: false, methods: LOCK_API });
  x.register(FakeCacheService, { name: 'CacheService', counted: false, methods: CACHE_SERVICE_API });
  x.register(FakeCache, { name: 'Cache', counted: false, methods: CACHE_API });
  x.register(FakePropertiesService, { name: 'PropertiesService', counted: false, methods: PROPERTIES_SERVICE_API });
  x.register(FakeProperties, { name: 'Properties', counted: false, methods: PROPERTIES_API });
  x.register(FakeUtilities, { name: 'Utilities', counted: false, methods: UTILITIES_API, props: UTILITIES_ENUMS });
  x.register(FakeBlob, { name: 'Blob', counted: false, methods: BLOB_API });
  x.register(FakeSession, { name: 'Session', counted: false, methods: SESSION_API });
  x.register(FakeUser, { name: 'User', counted: false, methods: USER_API });
  x.register(FakeLogger, { name: 'Logger', counted: false, methods: LOGGER_API });
  registerTriggers(x);
}

function registerTriggers(x: Exposer): void {
  x.register(FakeScriptApp, { name: 'ScriptApp', counted: false, methods: SCRIPT_APP_API, props: SCRIPT_APP_PROPS });
  x.register(FakeTriggerBuilder, { name: 'TriggerBuilder', counted: false, methods: TRIGGER_BUILDER_API });
  const clock = { name: 'ClockTriggerBuilder', counted: false, methods: CLOCK_TRIGGER_BUILDER_API };
  x.register(FakeClockTriggerBuilder, clock);
  x.register(FakeTrigger, { name: 'Trigger', counted: false, methods: TRIGGER_API });
}

/** Builders and charts are local objects: only the Sheet calls that insert or read them are priced. */
function registerCharts(x: Exposer): void {
  x.register(FakeChartsService, { name: 'Charts', counted: false, methods: [], props: CHARTS_ENUMS });
  x.register(FakeEmbeddedChartBuilder, { name: 'EmbeddedChartBuilder', counted: false, methods: CHART_BUILDER_API });
  for (const [ctor, name] of [
    [FakeColumnChartBuilder, 'EmbeddedColumnChartBuilder'],
    [FakeBarChartBuilder, 'EmbeddedBarChartBuilder'],
  ] as const) {
    x.register(ctor, { name, counted: false, methods: TYPED_CHART_BUILDER_API });
  }
  x.register(FakeEmbeddedChart, { name: 'EmbeddedChart', counted: false, methods: EMBEDDED_CHART_API });
  x.register(FakeChartOptions, { name: 'ChartOptions', counted: false, methods: CHART_OPTIONS_API });
  x.register(FakeContainerInfo, { name: 'ContainerInfo', counted: false, methods: CONTAINER_INFO_API });
}
