// Embedded charts: a builder that only describes a chart until sheet.insertChart(build()) puts it
// on the sheet; a chart is its ranges and options (never a copy of values), so it follows its
// cells. Typed builders (asColumnChart, asBarChart) have their own methods, but the generic
// methods they inherit return the generic builder, as the Apps Script types say.
import { gasError } from './expose.js';
import type { FakeRange } from './range.js';
import type { FakeSheet } from './sheet.js';

export const ChartType = Object.fromEntries(
  [
    ...['TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM'],
    ...['RADAR', 'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL'],
  ].map((t) => [t, t]),
) as Readonly<Record<string, string>>;
export const Position = { TOP: 'TOP', RIGHT: 'RIGHT', BOTTOM: 'BOTTOM', NONE: 'NONE' } as const;
export const ChartMergeStrategy = { MERGE_COLUMNS: 'MERGE_COLUMNS', MERGE_ROWS: 'MERGE_ROWS' } as const;
export const ChartHiddenDimensionStrategy = {
  IGNORE_BOTH: 'IGNORE_BOTH',
  IGNORE_ROWS: 'IGNORE_ROWS',
  IGNORE_COLUMNS: 'IGNORE_COLUMNS',
  SHOW_BOTH: 'SHOW_BOTH',
} as const;
export const CHARTS_ENUMS = { ChartType, Position, ChartMergeStrategy, ChartHiddenDimensionStrategy };

/** The `Charts` global: only its enums are modelled. */
export class FakeChartsService {}

interface ChartState {
  id: number | null;
  type: string | null;
  ranges: FakeRange[];
  options: Map<string, unknown>;
  stacked: boolean;
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transpose: boolean;
  merge: string;
  hidden: string;
}

const copyState = (s: ChartState): ChartState => ({
  ...s,
  ranges: [...s.ranges],
  options: new Map(s.options),
  anchor: { ...s.anchor },
});

const sameRange = (a: FakeRange, b: FakeRange) =>
  a.getSheet() === b.getSheet() && a.getA1Notation() === b.getA1Notation();

export class FakeContainerInfo {
  constructor(private readonly anchor: ChartState['anchor']) {}
  getAnchorRow = () => this.anchor.row;
  getAnchorColumn = () => this.anchor.column;
  getOffsetX = () => this.anchor.offsetX;
  getOffsetY = () => this.anchor.offsetY;
}

export class FakeChartOptions {
  constructor(private readonly options: ReadonlyMap<string, unknown>) {}
  get = (option: string) => this.options.get(String(option)) ?? null;
  getOrDefault = (option: string) => this.get(option);
}

export class FakeEmbeddedChart {
  constructor(
    readonly sheet: FakeSheet,
    readonly state: ChartState,
  ) {}
  getChartId = () => this.state.id;
  getRanges = () => [...this.state.ranges];
  getOptions = () => new FakeChartOptions(this.state.options);
  getContainerInfo = () => new FakeContainerInfo({ ...this.state.anchor });
  getNumHeaders = () => this.state.numHeaders;
  getTransposeRowsAndColumns = () => this.state.transpose;
  getMergeStrategy = () => this.state.merge;
  getHiddenDimensionStrategy = () => this.state.hidden;
  modify = () => new FakeEmbeddedChartBuilder(this.sheet, copyState(this.state));
}

export class FakeEmbeddedChartBuilder {
  constructor(
    protected readonly sheet: FakeSheet,
    readonly state: ChartState,
  ) {}

  static fresh(sheet: FakeSheet): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(sheet, {
      ...{ id: null, type: null, ranges: [], options: new Map(), stacked: false, numHeaders: -1 },
      ...{ transpose: false, merge: 'MERGE_COLUMNS', hidden: 'IGNORE_ROWS' },
      anchor: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
    });
  }

  /** What every generic method returns, also on a typed builder. */
  protected generic(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this.sheet, this.state);
  }

  addRange(range: FakeRange): FakeEmbeddedChartBuilder {
    if (!this.state.ranges.some((r) => sameRange(r, range))) this.state.ranges.push(range);
    return this.generic();
  }
  removeRange(range: FakeRange): FakeEmbeddedChartBuilder {
    this.state.ranges = this.state.ranges.filter((r) => !sameRange(r, range));
    return this.generic();
  }
  clearRanges(): FakeEmbeddedChartBuilder {
    this.state.ranges = [];
    return this.generic();
  }
  getRanges = () => [...this.state.ranges];
  setChartType(type: string): FakeEmbeddedChartBuilder {
    if (!Object.hasOwn(ChartType, String(type))) throw gasError('Invalid argument: type');
    this.state.type = String(type);
    return this.generic();
  }
  getChartType = () => this.state.type;
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder {
    this.state.anchor = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this.generic();
  }
  getContainer = () => new FakeContainerInfo({ ...this.state.anchor });
  /** Neither the name nor the value is checked, as in Apps Script. */
  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this.state.options.set(String(option), value);
    return this.generic();
  }
  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this.state.numHeaders = Number(headers);
    return this.generic();
  }
  setTransposeRowsAndColumns(transpose: boolean): FakeEmbeddedChartBuilder {
    this.state.transpose = Boolean(transpose);
    return this.generic();
  }
  setMergeStrategy(strategy: string): FakeEmbeddedChartBuilder {
    this.state.merge = String(strategy);
    return this.generic();
  }
  setHiddenDimensionStrategy(strategy: string): FakeEmbeddedChartBuilder {
    this.state.hidden = String(strategy);
    return this.generic();
  }
  asColumnChart(): FakeColumnChartBuilder {
    return new FakeColumnChartBuilder(this.sheet, { ...this.state, type: 'COLUMN' });
  }
  asBarChart(): FakeBarChartBuilder {
    return new FakeBarChartBuilder(this.sheet, { ...this.state, type: 'BAR' });
  }
  build(): FakeEmbeddedChart {
    return new FakeEmbeddedChart(this.sheet, copyState(this.state));
  }
}

/** Typed builders start with no legend and no stacking. */
class FakeTypedChartBuilder extends FakeEmbeddedChartBuilder {
  setStacked(): this {
    this.state.stacked = true;
    return this;
  }
  setTitle(chartTitle: string): this {
    this.state.options.set('title', String(chartTitle));
    return this;
  }
  setLegendPosition(position: string): this {
    this.state.options.set('legend', { position: String(position).toLowerCase() });
    return this;
  }
  setColors(cssValues: string[]): this {
    this.state.options.set('colors', [...cssValues]);
    return this;
  }
  setXAxisTitle(title: string): this {
    this.state.options.set('hAxis.title', String(title));
    return this;
  }
  setYAxisTitle(title: string): this {
    this.state.options.set('vAxis.title', String(title));
    return this;
  }
}
export class FakeColumnChartBuilder extends FakeTypedChartBuilder {}
export class FakeBarChartBuilder extends FakeTypedChartBuilder {}

/** What the demo and tests read of a chart on a sheet (not visible to the script). */
export interface ChartView {
  id: number;
  type: string;
  /** A1 without the tab name. */
  ranges: string[];
  options: Record<string, unknown>;
  stacked: boolean;
  title: string | null;
  anchor: { row: number; column: number };
}

const nextIds = new WeakMap<object, number>();

/** The charts inserted on one sheet; ids are unique within the spreadsheet. */
export class SheetCharts {
  private readonly charts: FakeEmbeddedChart[] = [];

  constructor(private readonly spreadsheet: object) {}

  insert(sheet: FakeSheet, chart: FakeEmbeddedChart): void {
    if (!(chart instanceof FakeEmbeddedChart)) throw gasError("The parameters don't match the method signature.");
    const id = (nextIds.get(this.spreadsheet) ?? 1_000_000_001) + 1;
    nextIds.set(this.spreadsheet, id);
    this.charts.push(new FakeEmbeddedChart(sheet, { ...copyState(chart.state), id }));
  }
  update(chart: FakeEmbeddedChart): void {
    const at = this.charts.findIndex((c) => c.state.id !== null && c.state.id === chart.state.id);
    if (at < 0) throw gasError('The chart does not exist on this sheet.');
    this.charts[at] = new FakeEmbeddedChart(chart.sheet, copyState(chart.state));
  }
  remove(chart: FakeEmbeddedChart): void {
    const at = this.charts.findIndex((c) => c.state.id !== null && c.state.id === chart.state.id);
    if (at >= 0) this.charts.splice(at, 1);
  }
  list(): FakeEmbeddedChart[] {
    return this.charts.map((c) => new FakeEmbeddedChart(c.sheet, copyState(c.state)));
  }
  views(): ChartView[] {
    return this.charts.map(({ state }) => ({
      id: state.id!,
      type: state.type ?? '',
      ranges: state.ranges.map((r) => r.getA1Notation()),
      options: Object.fromEntries(state.options),
      stacked: state.stacked,
      title: (state.options.get('title') as string | undefined) ?? null,
      anchor: { row: state.anchor.row, column: state.anchor.column },
    }));
  }
}

const GENERIC_BUILDER = [
  ...['addRange', 'removeRange', 'clearRanges', 'getRanges', 'setChartType', 'getChartType', 'setPosition'],
  ...['getContainer', 'setOption', 'setNumHeaders', 'setTransposeRowsAndColumns', 'setMergeStrategy'],
  ...['setHiddenDimensionStrategy', 'asColumnChart', 'asBarChart', 'build'],
];
export const CHART_BUILDER_API = GENERIC_BUILDER;
export const TYPED_CHART_BUILDER_API = [
  ...GENERIC_BUILDER,
  ...['setStacked', 'setTitle', 'setLegendPosition', 'setColors', 'setXAxisTitle', 'setYAxisTitle'],
];
export const EMBEDDED_CHART_API = [
  ...['getChartId', 'getRanges', 'getOptions', 'getContainerInfo', 'getNumHeaders'],
  ...['getTransposeRowsAndColumns', 'getMergeStrategy', 'getHiddenDimensionStrategy', 'modify'],
];
export const CHART_OPTIONS_API = ['get', 'getOrDefault'];
export const CONTAINER_INFO_API = ['getAnchorRow', 'getAnchorColumn', 'getOffsetX', 'getOffsetY'];
