"use strict";
var TeleportSheets = (() => {
  var __defProp = Object.defineProperty;
  var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __export = (target, all) => {
    for (var name in all)
      __defProp(target, name, { get: all[name], enumerable: true });
  };
  var __copyProps = (to, from, except, desc) => {
    if (from && typeof from === "object" || typeof from === "function") {
      for (let key of __getOwnPropNames(from))
        if (!__hasOwnProp.call(to, key) && key !== except)
          __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
    }
    return to;
  };
  var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

  // appsscript/src/main.ts
  var main_exports = {};
  __export(main_exports, {
    doGet: () => doGet,
    doPost: () => doPost,
    exportEvidence: () => exportEvidence2,
    onOpen: () => onOpen2,
    reformatSheet: () => reformatSheet2,
    refreshDashboard: () => refreshDashboard2,
    refreshFromTeleport: () => refreshFromTeleport2,
    relayStatus: () => relayStatus2,
    revokePreviousSecret: () => revokePreviousSecret2,
    rotateSecret: () => rotateSecret2,
    setUpSecret: () => setUpSecret2,
    verifyEvidence: () => verifyEvidence2,
    viewInTeleport: () => viewInTeleport2
  });

  // appsscript/src/gas/services.ts
  function properties(open) {
    return {
      get: (key) => open().getProperty(key),
      all: () => open().getProperties(),
      set: (key, value) => void open().setProperty(key, value),
      delete: (key) => void open().deleteProperty(key)
    };
  }
  var scriptProperties = properties(() => PropertiesService.getScriptProperties());
  var userProperties = properties(() => PropertiesService.getUserProperties());
  function cache(open) {
    return {
      get: (key) => open().get(key),
      getAll: (keys) => open().getAll([...keys]),
      put: (key, value, ttlSeconds) => open().put(key, value, ttlSeconds),
      remove: (key) => open().remove(key)
    };
  }
  var scriptCache = cache(() => CacheService.getScriptCache());
  var userCache = cache(() => CacheService.getUserCache());
  function withScriptLock(waitMs, fn) {
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(waitMs)) return null;
    try {
      return fn();
    } finally {
      lock.releaseLock();
    }
  }
  function hex(bytes) {
    return bytes.map((b) => ((b & 255) < 16 ? "0" : "") + (b & 255).toString(16)).join("");
  }
  var crypto = {
    hmacSha256Hex: (key, message) => hex(Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8)),
    sha256Hex: (text5) => hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text5, Utilities.Charset.UTF_8)),
    uuid: () => Utilities.getUuid()
  };

  // appsscript/src/gas/charts.ts
  function typedBuilder(sheet, chart) {
    const base = sheet.newChart();
    if (chart.type === "COLUMN") {
      const column = base.asColumnChart();
      return (chart.stacked ? column.setStacked() : column).setTitle(chart.title);
    }
    const bar = base.asBarChart();
    return (chart.stacked ? bar.setStacked() : bar).setTitle(chart.title);
  }
  function insertChart(sheet, chart) {
    let builder = typedBuilder(sheet, chart).setNumHeaders(1).setPosition(chart.anchorRow, chart.anchorCol, 0, 0);
    for (const area of chart.ranges) builder = builder.addRange(sheet.getRange(area));
    for (const [name, value] of Object.entries(chart.options)) builder = builder.setOption(name, value);
    sheet.insertChart(builder.build());
  }

  // appsscript/src/gas/spreadsheet.ts
  function letters(column) {
    let s = "";
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + (n - 1) % 26) + s;
    return s;
  }
  function a1(row, column, rows, columns) {
    const end = rows === null ? "" : String(row + rows - 1);
    return `${letters(column)}${row}:${letters(column + columns - 1)}${end}`;
  }
  function cells(range) {
    return {
      values: () => range.getValues(),
      setValues: (values) => void range.setValues(values),
      setLinks: (links) => setLinks(range, links),
      setNumberFormat: (format) => void range.setNumberFormat(format),
      setBold: () => void range.setFontWeight("bold"),
      sort: (column, ascending2) => void range.sort({ column, ascending: ascending2 })
    };
  }
  function setLinks(range, links) {
    const shown = links.includes(null) ? range.getRichTextValues() : null;
    const plain = SpreadsheetApp.newRichTextValue().setText("").build();
    range.setRichTextValues(
      links.map((link, i) => {
        if (!link) return [shown[i][0]];
        const builder = plain.copy().setText(link.text);
        return [(link.url === "" ? builder : builder.setLinkUrl(link.url)).build()];
      })
    );
  }
  function readRule(rule) {
    const condition = rule.getBooleanCondition();
    return {
      native: rule,
      criteria: condition ? String(condition.getCriteriaType()) : null,
      values: condition ? condition.getCriteriaValues() : [],
      ranges: rule.getRanges().map((r) => ({ column: r.getColumn(), columns: r.getNumColumns() }))
    };
  }
  var SheetTab = class {
    constructor(ss, name) {
      this.ss = ss;
      this.name = name;
      this.sheet = null;
      this.gridColumns = () => this.found.getMaxColumns();
      this.gridRows = () => this.found.getMaxRows();
      this.lastRow = () => this.found.getLastRow();
      this.lastColumn = () => this.found.getLastColumn();
      this.insertRowsAfter = (row, count2) => void this.found.insertRowsAfter(row, count2);
      this.insertColumnsAfter = (column, count2) => void this.found.insertColumnsAfter(column, count2);
      this.setColumnWidth = (column, width) => void this.found.setColumnWidth(column, width);
      this.hideColumn = (column) => void this.found.hideColumns(column);
      this.freezeRows = (count2) => void this.found.setFrozenRows(count2);
      this.formatRules = () => this.found.getConditionalFormatRules().map(readRule);
      this.clear = () => void this.found.clear();
      this.formatAreas = (areas, format) => void this.found.getRangeList([...areas]).setNumberFormat(format);
      this.boldAreas = (areas) => void this.found.getRangeList([...areas]).setFontWeight("bold");
      this.insertChart = (chart) => insertChart(this.found, chart);
    }
    get found() {
      this.sheet ?? (this.sheet = this.ss.getSheetByName(this.name));
      if (!this.sheet) throw new Error("tab not found");
      return this.sheet;
    }
    exists() {
      this.sheet ?? (this.sheet = this.ss.getSheetByName(this.name));
      return this.sheet !== null;
    }
    create() {
      this.sheet = this.ss.insertSheet(this.name);
    }
    range(row, column, rows, columns) {
      const area = a1(row, column, rows, columns);
      if (this.sheet) return cells(this.sheet.getRange(area));
      return cells(this.ss.getRange(this.qualified(area)));
    }
    formatColumns(columns, format) {
      const areas = columns.map((c) => a1(2, c, null, 1));
      this.found.getRangeList(areas).setNumberFormat(format);
    }
    qualified(area) {
      return `'${this.name.replace(/'/g, "''")}'!${area}`;
    }
    setFormatRules(keep, add) {
      const sheet = this.found;
      const ranges = /* @__PURE__ */ new Map();
      const rangeOf = (r) => {
        const area = a1(r.fromRow, r.column, null, 1);
        if (!ranges.has(area)) ranges.set(area, sheet.getRange(area));
        return ranges.get(area);
      };
      const built = add.map(
        (r) => SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(r.text).setBackground(r.background).setRanges([rangeOf(r)]).build()
      );
      sheet.setConditionalFormatRules([...keep.map((r) => r.native), ...built]);
    }
    protect(o) {
      const protection = this.found.protect();
      protection.setWarningOnly(o.warningOnly);
      protection.setDescription(o.description);
    }
    protectOwnerOnly(description) {
      const protection = this.found.protect().setDescription(description).setWarningOnly(false);
      protection.addEditor(Session.getEffectiveUser());
      protection.removeEditors(protection.getEditors());
      if (protection.canDomainEdit()) protection.setDomainEdit(false);
      return protection.getEditors().map((user) => user.getEmail());
    }
    chartTitles() {
      return this.found.getCharts().map((chart) => {
        const title = chart.getOptions().get("title");
        return typeof title === "string" ? title : null;
      });
    }
  };
  function workbook(ss) {
    return {
      id: () => ss.getId(),
      timeZone: () => ss.getSpreadsheetTimeZone(),
      owner: () => ss.getOwner()?.getEmail() ?? null,
      tab: (name) => new SheetTab(ss, name),
      flush: () => SpreadsheetApp.flush()
    };
  }

  // appsscript/src/gas/ui.ts
  function ui() {
    let native;
    try {
      native = SpreadsheetApp.getUi();
    } catch {
      return null;
    }
    return {
      menu(title, items) {
        const menu = native.createMenu(title);
        for (const item of items) {
          if (item) menu.addItem(item.caption, item.functionName);
          else menu.addSeparator();
        }
        menu.addToUi();
      },
      alert: (title, message) => void native.alert(title, message, native.ButtonSet.OK),
      toast: (message, title) => SpreadsheetApp.getActiveSpreadsheet()?.toast(message, title, 10),
      dialog(file, title, data, size) {
        const template = HtmlService.createTemplateFromFile(file);
        template.data = data;
        native.showModalDialog(template.evaluate().setWidth(size.width).setHeight(size.height), title);
      },
      prompt(title, message) {
        const response = native.prompt(title, message, native.ButtonSet.OK_CANCEL);
        return response.getSelectedButton() === native.Button.OK ? response.getResponseText() : null;
      },
      selection() {
        const range = SpreadsheetApp.getActiveSpreadsheet()?.getActiveRange();
        return range ? { tab: range.getSheet().getName(), row: range.getRow() } : null;
      }
    };
  }

  // appsscript/src/gas/apps-script.ts
  function appsScript() {
    return {
      now: () => Date.now(),
      spreadsheet(id2) {
        const ss = id2 ? SpreadsheetApp.openById(id2) : SpreadsheetApp.getActiveSpreadsheet();
        if (!ss) throw new Error("no spreadsheet");
        return workbook(ss);
      },
      activeSpreadsheet() {
        const ss = SpreadsheetApp.getActiveSpreadsheet();
        return ss ? workbook(ss) : null;
      },
      scriptProperties,
      scriptCache,
      userProperties,
      userCache,
      effectiveUser: () => Session.getEffectiveUser().getEmail(),
      formatDate: (instant2, timeZone, format) => Utilities.formatDate(instant2, timeZone, format),
      withScriptLock,
      crypto,
      ui
    };
  }
  function jsonOutput(value) {
    return ContentService.createTextOutput(JSON.stringify(value)).setMimeType(ContentService.MimeType.JSON);
  }

  // proto/contract.ts
  var CONTRACT_VERSION = 1;
  var MAX_OPS_PER_BATCH = 500;
  var MAX_BODY_BYTES = 1024 * 1024;
  var TS_WINDOW_SECONDS = 300;
  var NONCE_TTL_SECONDS = 6 * 60 * 60;
  var ROTATION_GRACE_SECONDS = 24 * 60 * 60;
  var MAX_CELL_CHARS = 5e4;
  var TRUNCATION_MARKER = " …[truncated]";
  var SHEET_NAME = "Access Requests";
  var NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
  var TS_PATTERN = /^[0-9]{1,12}$/;
  var SIG_PATTERN = /^[0-9a-f]{64}$/;
  var REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
  var REQUEST_STATES = ["NONE", "PENDING", "APPROVED", "DENIED", "PROMOTED"];
  var REVIEW_STATES = ["APPROVED", "DENIED", "PROMOTED"];
  function signingString(ts, nonce, body) {
    return `v1
${ts}
${nonce}
${body}`;
  }
  var STATE_RANK = { NONE: 0, PENDING: 1, APPROVED: 2, PROMOTED: 2, DENIED: 3 };
  function versionOf(request2) {
    return [STATE_RANK[request2.state], request2.reviews.length];
  }
  function compareVersions(a, b) {
    return a[0] - b[0] || a[1] - b[1];
  }
  function requestLink(webUrl, id2) {
    if (!REQUEST_ID_PATTERN.test(id2) || !isHttpsBaseUrl(webUrl)) return null;
    return `${webUrl.replace(/\/+$/, "")}/web/requests/${id2}`;
  }
  function isHttpsBaseUrl(url) {
    return /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(url);
  }

  // appsscript/src/ledger/layout.ts
  var LAYOUT1_HEADERS = [
    "ID",
    "Created",
    "User",
    "Roles",
    "Status",
    "Link",
    "Reason",
    "Resources",
    "Reviews",
    "Resolution",
    "Suggested reviewers",
    "Request expires",
    "Access expires",
    "Cluster",
    "Updated",
    "Version"
  ];
  var LAYOUT2_HEADERS = [
    "ID",
    "Created",
    "User",
    "Roles",
    "Status",
    "Link",
    "Reason",
    "Resources",
    "Reviews",
    "Resolution",
    "Decided by",
    "Decided",
    "Time to decision",
    "Suggested reviewers",
    "Request expires",
    "Access starts",
    "Access expires",
    "Access duration",
    "Cluster",
    "Updated",
    "Version"
  ];
  var COL = {
    id: 1,
    created: 2,
    user: 3,
    roles: 4,
    status: 5,
    link: 6,
    reason: 7,
    resources: 8,
    reviews: 9,
    resolution: 10,
    decidedBy: 11,
    decided: 12,
    timeToDecision: 13,
    reviewers: 14,
    requestExpires: 15,
    accessStarts: 16,
    accessExpires: 17,
    accessDuration: 18,
    cluster: 19,
    updated: 20,
    version: 21
  };
  var HISTORY_SHEET_NAME = "History";
  var HISTORY_HEADERS = [
    "Time",
    "Cluster",
    "Request ID",
    "User",
    "Roles",
    "Event",
    "By",
    "Detail",
    "Key"
  ];
  var HISTORY_COL = {
    time: 1,
    cluster: 2,
    requestId: 3,
    user: 4,
    roles: 5,
    event: 6,
    by: 7,
    detail: 8,
    key: 9
  };
  var DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";
  var DURATION_FORMAT = "[h]:mm";
  function detectLayout(headerRow) {
    if (headerRow.every(isBlank)) return "new";
    if (startsWith(headerRow, LAYOUT2_HEADERS)) return "layout2";
    if (startsWith(headerRow, LAYOUT1_HEADERS)) return "layout1";
    return "unknown";
  }
  function isBlank(cell2) {
    return cell2 === "" || cell2 === null || cell2 === void 0;
  }
  function startsWith(row, headers) {
    return row.length >= headers.length && headers.every((header, i) => row[i] === header);
  }
  function upgradeInserts() {
    return [
      insertAfter("Access expires", ["Access duration"]),
      insertAfter("Request expires", ["Access starts"]),
      insertAfter("Resolution", ["Decided by", "Decided", "Time to decision"])
    ];
  }
  function insertAfter(layout1Header, headers) {
    return { after: LAYOUT1_HEADERS.indexOf(layout1Header) + 1, count: headers.length, headers };
  }

  // appsscript/src/rows/columns.ts
  var COLUMN_COUNT = LAYOUT2_HEADERS.length;
  var LINK_LABEL = "View in Teleport";
  var DATE_COLUMNS = [
    COL.created,
    COL.decided,
    COL.requestExpires,
    COL.accessStarts,
    COL.accessExpires,
    COL.updated
  ];
  var DURATION_COLUMNS = [COL.timeToDecision, COL.accessDuration];
  var COLUMN_WIDTHS = [
    280,
    130,
    160,
    180,
    100,
    120,
    300,
    260,
    300,
    240,
    160,
    130,
    110,
    180,
    130,
    130,
    130,
    110,
    160,
    130,
    80
  ];
  var STATUS_COLOURS = {
    PENDING: "#fff2cc",
    APPROVED: "#d9ead3",
    PROMOTED: "#d0e0e3",
    DENIED: "#f4cccc",
    EXPIRED: "#efefef",
    NONE: "#ffffff"
  };

  // appsscript/src/rows/render.ts
  var MAX_TEXT_CHARS = MAX_CELL_CHARS - 1;
  function truncate(text5) {
    if (text5.length <= MAX_TEXT_CHARS) return text5;
    let cut2 = MAX_TEXT_CHARS - TRUNCATION_MARKER.length;
    const last = text5.charCodeAt(cut2 - 1);
    if (last >= 55296 && last <= 56319) cut2 -= 1;
    return text5.slice(0, cut2) + TRUNCATION_MARKER;
  }
  function literal(text5) {
    return text5 === "" ? "" : "'" + truncate(text5);
  }
  function dateCell(iso) {
    if (iso === null) return "";
    const date = new Date(iso);
    return isNaN(date.getTime()) ? "" : date;
  }
  function resourceLine(resource2, rowCluster) {
    const prefix = resource2.cluster !== "" && resource2.cluster !== rowCluster ? `${resource2.cluster}:` : "";
    const sub = resource2.subResource !== "" ? `/${resource2.subResource}` : "";
    return `${prefix}${resource2.kind}/${resource2.name}${sub}`;
  }
  function reviewLine(review2) {
    return `${review2.author}: ${review2.state}` + (review2.reason !== "" ? ` — ${review2.reason}` : "");
  }
  var orEmpty = (value) => value ?? "";
  function renderRow(request2, ctx) {
    const cells2 = new Array(COLUMN_COUNT).fill("");
    const set = (col, cell2) => {
      cells2[col - 1] = cell2;
    };
    set(COL.id, literal(request2.id));
    set(COL.created, dateCell(request2.created));
    set(COL.user, literal(request2.user));
    set(COL.roles, literal(request2.roles.join(", ")));
    set(COL.status, literal(ctx.status));
    set(COL.link, ctx.hasLink ? literal(LINK_LABEL) : "");
    set(COL.reason, literal(request2.reason));
    set(COL.resources, literal(request2.resources.map((r) => resourceLine(r, ctx.cluster)).join("\n")));
    set(COL.reviews, literal(request2.reviews.map(reviewLine).join("\n")));
    set(COL.resolution, literal(request2.resolveReason));
    set(COL.decidedBy, literal(ctx.decision.decidedBy));
    set(COL.decided, orEmpty(ctx.decision.decided));
    set(COL.timeToDecision, orEmpty(ctx.decision.timeToDecision));
    set(COL.reviewers, literal(request2.suggestedReviewers.join(", ")));
    set(COL.requestExpires, dateCell(request2.requestExpires));
    set(COL.accessStarts, orEmpty(ctx.decision.accessStarts));
    set(COL.accessExpires, dateCell(request2.accessExpires));
    set(COL.accessDuration, orEmpty(ctx.decision.accessDuration));
    set(COL.cluster, literal(ctx.cluster));
    set(COL.updated, ctx.updated);
    set(COL.version, literal(ctx.version));
    return cells2;
  }
  function rewritable(value) {
    if (typeof value === "string") return literal(value);
    if (typeof value === "number" || typeof value === "boolean") return value;
    if (isDate(value)) return value;
    return value === null || value === void 0 ? "" : literal(String(value));
  }
  function isDate(value) {
    return Object.prototype.toString.call(value) === "[object Date]";
  }

  // appsscript/src/dashboard/grid.ts
  var PERCENT_FORMAT = "0.0%";
  var COUNT_FORMAT = "0";
  var DAY_FORMAT = "yyyy-mm-dd";
  function emptyGrid(rows, cols) {
    const values = Array.from({ length: rows }, () => new Array(cols).fill(""));
    return { values, formats: [], links: [], bold: [] };
  }
  function cell(value) {
    if (value === null) return "";
    return typeof value === "string" ? literal(value) : value;
  }
  function putRow(grid, row, col, values) {
    const width = grid.values[0]?.length ?? 0;
    while (grid.values.length < row) grid.values.push(new Array(width).fill(""));
    values.forEach((value, i) => {
      grid.values[row - 1][col - 1 + i] = cell(value);
    });
  }
  function columnName(col) {
    let name = "";
    for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + (n - 1) % 26) + name;
    return name;
  }
  function a12(row, col, rows = 1, cols = 1) {
    const start = `${columnName(col)}${row}`;
    return rows === 1 && cols === 1 ? start : `${start}:${columnName(col + cols - 1)}${row + rows - 1}`;
  }

  // appsscript/src/records/request-map.ts
  function requestKey(cluster, id2) {
    return JSON.stringify([cluster, id2]);
  }
  var RequestMap = class {
    constructor() {
      this.clusters = /* @__PURE__ */ new Map();
    }
    get(cluster, id2) {
      return this.clusters.get(cluster)?.get(id2);
    }
    set(cluster, id2, value) {
      const ids = this.clusters.get(cluster);
      if (ids) ids.set(id2, value);
      else this.clusters.set(cluster, /* @__PURE__ */ new Map([[id2, value]]));
    }
  };

  // appsscript/src/dashboard/stats.ts
  var ascending = (a, b) => a - b;
  function nearestRank(values, p) {
    return nearestRankOfSorted([...values].sort(ascending), p);
  }
  function nearestRankOfSorted(sorted, p) {
    if (sorted.length === 0) return null;
    const rank = Math.max(1, Math.ceil(p / 100 * sorted.length));
    return sorted[rank - 1];
  }
  function median(values) {
    return nearestRank(values, 50);
  }
  function share(part, whole) {
    return whole === 0 ? null : part / whole;
  }

  // appsscript/src/records/zone.ts
  var MINUTE_MS = 6e4;
  var HOUR_MS = 60 * MINUTE_MS;
  var DAY_MS = 24 * HOUR_MS;
  function localDay(instant2, zone) {
    return Math.floor((instant2.getTime() + zone.offsetMinutes(instant2) * MINUTE_MS) / DAY_MS);
  }
  function weekday(day) {
    return ((day + 3) % 7 + 7) % 7;
  }
  function mondayOf(day) {
    return day - weekday(day);
  }
  function startOfLocalDay(day, zone) {
    const wall = day * DAY_MS;
    let best = null;
    for (let k = -4; k <= 4; k++) {
      const t = wall - zone.offsetMinutes(new Date(wall + k * 6 * HOUR_MS)) * MINUTE_MS;
      const isMidnight = t + zone.offsetMinutes(new Date(t)) * MINUTE_MS === wall;
      if (isMidnight && (best === null || t < best)) best = t;
    }
    return best !== null ? new Date(best) : firstInstantOfDay(wall, day, zone);
  }
  function firstInstantOfDay(wall, day, zone) {
    let lo = wall - 2 * DAY_MS;
    let hi = wall + 2 * DAY_MS;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (localDay(new Date(mid), zone) >= day) hi = mid;
      else lo = mid;
    }
    return new Date(hi);
  }
  function dayOfDate(year, month, date) {
    return Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
  }
  function formatDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  // appsscript/src/dashboard/tables.ts
  var WEEKS = 12;
  var TOP_ROLES = 15;
  var WAITING_ROWS = 10;
  var WEEK_COLUMN = {
    APPROVED: "approved",
    PROMOTED: "promoted",
    DENIED: "denied",
    EXPIRED: "expired",
    PENDING: "pending"
  };
  function weekTable(rows, now, zone) {
    const first = mondayOf(localDay(now, zone)) - (WEEKS - 1) * 7;
    const weeks2 = Array.from({ length: WEEKS }, (_, i) => ({
      start: startOfLocalDay(first + i * 7, zone),
      ...{ approved: 0, promoted: 0, denied: 0, expired: 0, pending: 0, other: 0 }
    }));
    for (const row of rows) {
      const week = weeks2[(mondayOf(localDay(row.created, zone)) - first) / 7];
      if (week) week[WEEK_COLUMN[row.status] ?? "other"] += 1;
    }
    return weeks2;
  }
  function roleTable(recent) {
    const byRole = /* @__PURE__ */ new Map();
    for (const row of recent) {
      row.roles.forEach((role, i) => {
        if (row.roles.indexOf(role) !== i) return;
        let entry = byRole.get(role);
        if (!entry) byRole.set(role, entry = { requests: 0, approved: 0, denied: 0, times: [] });
        entry.requests += 1;
        if (row.status === "APPROVED" || row.status === "PROMOTED") entry.approved += 1;
        else if (row.status === "DENIED") entry.denied += 1;
        if (row.timeToDecision !== null) entry.times.push(row.timeToDecision);
      });
    }
    return [...byRole].map(([role, { requests, approved, denied, times }]) => {
      const approvalRate = share(approved, approved + denied);
      return { role, requests, approved, denied, approvalRate, medianDecision: median(times) };
    }).sort((a, b) => b.requests - a.requests || compareText(a.role, b.role)).slice(0, TOP_ROLES);
  }
  var REVIEW_STATE = /^(APPROVED|DENIED|PROMOTED)\b/;
  var REVIEW_DAYS = 30;
  var isRecentReview = (win, event, time2) => event === "reviewed" && win.within(time2, REVIEW_DAYS);
  function reviewerEvents(win) {
    return (event, time2) => event === "requested" || isRecentReview(win, event, time2);
  }
  function reviewerTable(history, rows, win) {
    const reviews = history.filter((event) => isRecentReview(win, event.event, event.time));
    const created = createdTimes(reviews, history, rows);
    const byReviewer = /* @__PURE__ */ new Map();
    for (const event of reviews) {
      let entry = byReviewer.get(event.by);
      if (!entry) byReviewer.set(event.by, entry = { reviews: 0, approvals: 0, denials: 0, waits: [] });
      entry.reviews += 1;
      const state = REVIEW_STATE.exec(event.detail)?.[1];
      if (state === "APPROVED" || state === "PROMOTED") entry.approvals += 1;
      else if (state === "DENIED") entry.denials += 1;
      const since = created.get(event.cluster, event.requestId)?.at ?? null;
      if (since !== null) entry.waits.push((event.time.getTime() - since) / DAY_MS);
    }
    return [...byReviewer].map(([reviewer, { reviews: reviews2, approvals, denials, waits }]) => {
      return { reviewer, reviews: reviews2, approvals, denials, medianReview: median(waits) };
    }).sort((a, b) => b.reviews - a.reviews || compareText(a.reviewer, b.reviewer));
  }
  function createdTimes(reviews, history, rows) {
    const created = new RequestMap();
    for (const event of reviews) {
      if (!created.get(event.cluster, event.requestId)) created.set(event.cluster, event.requestId, { at: null });
    }
    for (const event of history) {
      const slot = event.event === "requested" ? created.get(event.cluster, event.requestId) : void 0;
      if (slot) slot.at = event.time.getTime();
    }
    for (const row of rows) {
      const slot = created.get(row.cluster, row.id);
      if (slot) slot.at = row.created.getTime();
    }
    return created;
  }
  function waitingTable(rows, relays, win) {
    const latest = latestRelays(relays);
    return rows.filter((row) => row.status === "PENDING").sort(
      (a, b) => a.created.getTime() - b.created.getTime() || compareText(requestKey(a.cluster, a.id), requestKey(b.cluster, b.id))
    ).slice(0, WAITING_ROWS).map((row) => {
      const webUrl = latest.get(row.cluster)?.webUrl;
      return {
        id: row.id,
        user: row.user,
        roles: row.roles,
        waiting: (win.now - row.created.getTime()) / DAY_MS,
        cluster: row.cluster,
        link: webUrl === void 0 ? null : requestLink(webUrl, row.id)
      };
    });
  }
  function clusterTable(rows, relays, win) {
    const latest = latestRelays(relays);
    const counts = /* @__PURE__ */ new Map();
    for (const row of rows) {
      let own = counts.get(row.cluster);
      if (!own) counts.set(row.cluster, own = { pending: 0, requests30d: 0 });
      if (row.status === "PENDING") own.pending += 1;
      if (win.within(row.created, 30)) own.requests30d += 1;
    }
    const names = /* @__PURE__ */ new Set([...counts.keys(), ...latest.keys()]);
    return [...names].sort(compareText).map((cluster) => ({
      cluster,
      pending: counts.get(cluster)?.pending ?? 0,
      requests30d: counts.get(cluster)?.requests30d ?? 0,
      lastContact: latest.get(cluster)?.lastContact ?? null
    }));
  }
  function latestRelays(relays) {
    const latest = /* @__PURE__ */ new Map();
    for (const relay of relays) {
      const known = latest.get(relay.cluster);
      if (!known || contactTime(relay) > contactTime(known)) latest.set(relay.cluster, relay);
    }
    return latest;
  }
  var contactTime = (relay) => relay.lastContact?.getTime() ?? -Infinity;
  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // appsscript/src/dashboard/layout.ts
  var DASHBOARD_TAB = "Dashboard";
  var DASHBOARD_WIDTH = 10;
  var BLOCKS = {
    figures: { row: 4, col: 1, width: 3, capacity: 11 },
    weeks: { row: 18, col: 1, width: 7, capacity: WEEKS },
    roles: { row: 34, col: 1, width: 6, capacity: TOP_ROLES },
    waiting: { row: 53, col: 1, width: 5, capacity: WAITING_ROWS },
    clusters: { row: 67, col: 1, width: 4, capacity: null },
    reviewers: { row: 67, col: 6, width: 5, capacity: null }
  };
  var dataRange = (b, cols, offset = 0) => a12(b.row + 1, b.col + offset, (b.capacity ?? 0) + 1, cols);
  var CHARTS = [
    {
      name: "weeks",
      type: "COLUMN",
      stacked: true,
      title: "Requests per week, by current status",
      ranges: [dataRange(BLOCKS.weeks, BLOCKS.weeks.width)],
      anchorRow: BLOCKS.weeks.row,
      anchorCol: 9,
      options: { width: 640, height: 320, legend: { position: "right" }, treatLabelsAsText: true }
    },
    {
      name: "roles",
      type: "BAR",
      stacked: false,
      title: "Requests per role, last 30 days",
      ranges: [dataRange(BLOCKS.roles, 2)],
      anchorRow: BLOCKS.roles.row,
      anchorCol: 9,
      options: { width: 640, height: 360, legend: { position: "none" } }
    }
  ];
  var FIGURES = [
    ["Pending now", (f) => f.pendingNow, COUNT_FORMAT, "requests with Status PENDING"],
    ["Pending for over 24 hours", (f) => f.pendingOver24h, COUNT_FORMAT, "PENDING and created over 24 hours ago"],
    ["Oldest pending", (f) => f.oldestPending, DURATION_FORMAT, "how long the oldest PENDING request has waited"],
    ["Requests, last 7 days", (f) => f.created7d, COUNT_FORMAT, "created in the 7 × 24 hours before the refresh"],
    ["Requests, last 30 days", (f) => f.created30d, COUNT_FORMAT, "created in the 30 × 24 hours before the refresh"],
    ["Approval rate, last 30 days", (f) => f.approvalRate30d, PERCENT_FORMAT, "(approved + promoted) ÷ decided"],
    ["Time to decision, median", (f) => f.decisionMedian30d, DURATION_FORMAT, "requests created in the last 30 days"],
    ["Time to decision, 90th percentile", (f) => f.decisionP90_30d, DURATION_FORMAT, "nearest rank, last 30 days"],
    ["Expired without a decision", (f) => f.expired30d, COUNT_FORMAT, "Status EXPIRED, created in the last 30 days"],
    ["Decided automatically", (f) => f.automatic30d, PERCENT_FORMAT, "share of decided with an @ author in Decided by"],
    ["Decided with no review", (f) => f.noReview30d, PERCENT_FORMAT, "share of decided with Decided by (no review)"]
  ];
  function layoutDashboard(model) {
    const grid = emptyGrid(BLOCKS.clusters.row + 1, DASHBOARD_WIDTH);
    putRow(grid, 1, 1, ["Access requests dashboard"]);
    putRow(grid, 2, 1, ["Refreshed", model.refreshed, `time zone ${model.zone}`]);
    grid.formats.push({ range: "B2", format: DATE_TIME_FORMAT });
    grid.bold.push("A1");
    const figures2 = table(grid, BLOCKS.figures, "Figures", ["Figure", "Value", "What it counts"]);
    FIGURES.forEach(([label, value, format, meaning], i) => {
      putRow(grid, figures2 + i, 1, [label, value(model.figures), meaning]);
      grid.formats.push({ range: a12(figures2 + i, 2), format });
    });
    weeks(grid, model);
    roles(grid, model);
    waiting(grid, model);
    clusters(grid, model);
    reviewers(grid, model);
    return { ...grid, blocks: BLOCKS, charts: CHARTS.map((chart) => ({ ...chart })) };
  }
  function table(grid, block, title, headers) {
    putRow(grid, block.row, block.col, [title]);
    putRow(grid, block.row + 1, block.col, headers);
    grid.bold.push(a12(block.row, block.col), a12(block.row + 1, block.col, 1, headers.length));
    return block.row + 2;
  }
  function formatColumn(grid, block, offset, rows, format) {
    if (rows > 0) grid.formats.push({ range: a12(block.row + 2, block.col + offset, rows, 1), format });
  }
  function weeks(grid, model) {
    const b = BLOCKS.weeks;
    const first = table(grid, b, "Requests per week (week of Created, current Status)", [
      ...["Week", "Approved", "Promoted", "Denied", "Expired", "Pending", "Other"]
    ]);
    model.weeks.forEach((w, i) => {
      putRow(grid, first + i, b.col, [w.start, w.approved, w.promoted, w.denied, w.expired, w.pending, w.other]);
    });
    formatColumn(grid, b, 0, WEEKS, DAY_FORMAT);
  }
  function roles(grid, model) {
    const b = BLOCKS.roles;
    const first = table(grid, b, "Roles, last 30 days (top 15)", [
      ...["Role", "Requests", "Approved", "Denied", "Approval rate", "Median time to decision"]
    ]);
    model.roles.forEach((r, i) => {
      putRow(grid, first + i, b.col, [r.role, r.requests, r.approved, r.denied, r.approvalRate, r.medianDecision]);
    });
    formatColumn(grid, b, 4, TOP_ROLES, PERCENT_FORMAT);
    formatColumn(grid, b, 5, TOP_ROLES, DURATION_FORMAT);
  }
  function waiting(grid, model) {
    const b = BLOCKS.waiting;
    const first = table(grid, b, "Waiting longest", ["ID", "User", "Roles", "Waiting", "Cluster"]);
    model.waiting.forEach((w, i) => {
      putRow(grid, first + i, b.col, [w.id, w.user, w.roles.join(", "), w.waiting, w.cluster]);
      if (w.link !== null) grid.links.push({ row: first + i, col: b.col, text: w.id, url: w.link });
    });
    formatColumn(grid, b, 3, WAITING_ROWS, DURATION_FORMAT);
  }
  function clusters(grid, model) {
    const b = BLOCKS.clusters;
    const first = table(grid, b, "Clusters", ["Cluster", "Pending", "Requests, last 30 days", "Relay last heard from"]);
    model.clusters.forEach((c, i) => {
      putRow(grid, first + i, b.col, [c.cluster, c.pending, c.requests30d, c.lastContact]);
    });
    formatColumn(grid, b, 3, model.clusters.length, DATE_TIME_FORMAT);
  }
  function reviewers(grid, model) {
    const b = BLOCKS.reviewers;
    const first = table(grid, b, "Reviewers, last 30 days", [
      ...["Reviewer", "Reviews", "Approvals", "Denials", "Median time to review"]
    ]);
    model.reviewers.forEach((r, i) => {
      putRow(grid, first + i, b.col, [r.reviewer, r.reviews, r.approvals, r.denials, r.medianReview]);
    });
    formatColumn(grid, b, 4, model.reviewers.length, DURATION_FORMAT);
  }

  // appsscript/src/dashboard/recent.ts
  function windowAt(now) {
    const t = now.getTime();
    const within = (instant2, days2) => instant2 !== null && instant2.getTime() >= t - days2 * DAY_MS && instant2.getTime() <= t;
    return { now: t, within };
  }

  // appsscript/src/ledger/decision.ts
  var NO_REVIEW = "(no review)";
  var RESOLVED = ["APPROVED", "DENIED", "PROMOTED"];
  function isResolved(state) {
    return RESOLVED.includes(state);
  }
  function nextResolvedMark(prev, state, now) {
    if (!isResolved(state)) return null;
    if (prev !== null && prev.state === state) return prev;
    return { state, at: now.toISOString() };
  }
  function readResolvedMark(value) {
    if (typeof value !== "object" || value === null) return null;
    const { state, at } = value;
    if (typeof state !== "string" || !isResolved(state)) return null;
    if (typeof at !== "string" || toDate(at) === null) return null;
    return { state, at };
  }
  function decisionOf(request2, status, mark) {
    const decidedBy = decidedByOf(request2, status);
    const decided = decidedAt(request2, status, mark);
    const grants = status === "APPROVED" || status === "PROMOTED";
    const accessStarts = grants ? toDate(request2.assumeStart ?? null) ?? decided : null;
    return {
      decidedBy,
      decided,
      timeToDecision: daysBetween(toDate(request2.created), decided),
      accessStarts,
      accessDuration: daysBetween(accessStarts, toDate(request2.accessExpires))
    };
  }
  function decidedByOf(request2, status) {
    if (!isResolved(status)) return "";
    const authors = request2.reviews.filter((r) => r.state === status).map((r) => r.author);
    return authors.length > 0 ? authors.join(", ") : NO_REVIEW;
  }
  function decidedAt(request2, status, mark) {
    if (!isResolved(status)) return null;
    const matching = request2.reviews.filter((r) => r.state === status);
    const last = matching[matching.length - 1];
    if (last !== void 0) return toDate(last.created);
    return mark !== null && mark.state === status ? toDate(mark.at) : null;
  }
  function daysBetween(from, to) {
    return from === null || to === null ? null : (to.getTime() - from.getTime()) / DAY_MS;
  }
  function toDate(iso) {
    if (iso === null) return null;
    const date = new Date(iso);
    return isNaN(date.getTime()) ? null : date;
  }

  // appsscript/src/dashboard/model.ts
  var DECIDED_STATUSES = ["APPROVED", "PROMOTED", "DENIED"];
  function dashboardEvents(now) {
    return reviewerEvents(windowAt(now));
  }
  function buildDashboard(input) {
    const win = windowAt(input.now);
    const recent = input.rows.filter((row) => win.within(row.created, 30));
    return {
      refreshed: input.now,
      zone: input.zone.id,
      figures: figures(input.rows, recent, win),
      weeks: weekTable(input.rows, input.now, input.zone),
      roles: roleTable(recent),
      reviewers: reviewerTable(input.history, input.rows, win),
      waiting: waitingTable(input.rows, input.relays, win),
      clusters: clusterTable(input.rows, input.relays, win)
    };
  }
  function figures(rows, recent, win) {
    const f = { pendingNow: 0, pendingOver24h: 0, oldestPending: null, created7d: 0, expired30d: 0 };
    for (const row of rows) {
      if (win.within(row.created, 7)) f.created7d += 1;
      if (row.status !== "PENDING") continue;
      const age = (win.now - row.created.getTime()) / DAY_MS;
      f.pendingNow += 1;
      if (age > 1) f.pendingOver24h += 1;
      f.oldestPending = Math.max(f.oldestPending ?? age, age);
    }
    const decided = { all: 0, approved: 0, bot: 0, noReview: 0 };
    const times = [];
    for (const row of recent) {
      if (row.timeToDecision !== null) times.push(row.timeToDecision);
      if (row.status === "EXPIRED") f.expired30d += 1;
      if (!DECIDED_STATUSES.includes(row.status)) continue;
      decided.all += 1;
      if (row.status !== "DENIED") decided.approved += 1;
      if (decidedByBot(row.decidedBy)) decided.bot += 1;
      if (row.decidedBy === NO_REVIEW) decided.noReview += 1;
    }
    times.sort(ascending);
    return {
      ...f,
      created30d: recent.length,
      approvalRate30d: share(decided.approved, decided.all),
      decisionMedian30d: nearestRankOfSorted(times, 50),
      decisionP90_30d: nearestRankOfSorted(times, 90),
      automatic30d: share(decided.bot, decided.all),
      noReview30d: share(decided.noReview, decided.all)
    };
  }
  function decidedByBot(decidedBy) {
    return decidedBy.startsWith("@") || decidedBy.includes(", @");
  }

  // appsscript/src/dashboard/probed-zone.ts
  var OFFSET = /^([+-])([0-9]{2})([0-9]{2})$/;
  function parseOffset(text5) {
    const m = OFFSET.exec(text5);
    if (!m) throw new Error(`not a UTC offset: ${text5}`);
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    return m[1] === "-" ? -minutes : minutes;
  }
  function probedZone(id2, offsetText) {
    const probes = /* @__PURE__ */ new Map();
    const probe = (t) => {
      let minutes = probes.get(t);
      if (minutes === void 0) probes.set(t, minutes = parseOffset(offsetText(new Date(t))));
      return minutes;
    };
    const days2 = /* @__PURE__ */ new Map();
    return {
      id: id2,
      offsetMinutes(instant2) {
        const t = instant2.getTime();
        const day = Math.floor(t / DAY_MS);
        let steady = days2.get(day);
        if (steady === void 0) {
          const start = probe(day * DAY_MS);
          steady = start === probe((day + 1) * DAY_MS - 1) ? start : null;
          days2.set(day, steady);
        }
        return steady ?? probe(t);
      }
    };
  }

  // appsscript/src/records/ledger-rows.ts
  var SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
  var text = (cell2) => typeof cell2 === "string" ? cell2 : cell2 === null || cell2 === void 0 ? "" : String(cell2);
  function instant(cell2) {
    if (typeof cell2 !== "object" || cell2 === null) return null;
    if (cell2 instanceof Date) return isNaN(cell2.getTime()) ? null : cell2;
    return isDate(cell2) && !isNaN(cell2.getTime()) ? new Date(cell2.getTime()) : null;
  }
  function listReader() {
    const seen = /* @__PURE__ */ new Map();
    return (cell2) => {
      const joined = text(cell2);
      let items = seen.get(joined);
      if (!items) seen.set(joined, items = Object.freeze(joined === "" ? [] : joined.split(", ")));
      return items;
    };
  }
  function days(cell2, zone) {
    if (typeof cell2 === "number" && Number.isFinite(cell2)) return cell2;
    const date = instant(cell2);
    if (!date) return null;
    return (date.getTime() + zone.offsetMinutes(date) * MINUTE_MS - SERIAL_EPOCH_MS) / DAY_MS;
  }
  function mainRows(cells2, zone) {
    const at = (row, col) => row[col - 1];
    const list2 = listReader();
    const rows = [];
    for (const row of cells2) {
      const created = instant(at(row, COL.created));
      const id2 = text(at(row, COL.id));
      if (id2 === "" || !created) continue;
      rows.push({
        id: id2,
        created,
        user: text(at(row, COL.user)),
        roles: list2(at(row, COL.roles)),
        status: text(at(row, COL.status)),
        reason: text(at(row, COL.reason)),
        resources: text(at(row, COL.resources)),
        reviews: text(at(row, COL.reviews)),
        resolution: text(at(row, COL.resolution)),
        decidedBy: text(at(row, COL.decidedBy)),
        decided: instant(at(row, COL.decided)),
        timeToDecision: days(at(row, COL.timeToDecision), zone),
        suggestedReviewers: text(at(row, COL.reviewers)),
        requestExpires: instant(at(row, COL.requestExpires)),
        accessStarts: instant(at(row, COL.accessStarts)),
        accessExpires: instant(at(row, COL.accessExpires)),
        accessDuration: days(at(row, COL.accessDuration), zone),
        cluster: text(at(row, COL.cluster)),
        updated: instant(at(row, COL.updated))
      });
    }
    return rows;
  }
  var everyEvent = () => true;
  function historyRows(cells2, keep = everyEvent) {
    const at = (row, col) => row[col - 1];
    const list2 = listReader();
    const events = [];
    for (const row of cells2) {
      const event = text(at(row, HISTORY_COL.event));
      const time2 = instant(at(row, HISTORY_COL.time));
      if (!time2 || event === "" || !keep(event, time2)) continue;
      const requestId = text(at(row, HISTORY_COL.requestId));
      if (requestId === "") continue;
      events.push({
        time: time2,
        cluster: text(at(row, HISTORY_COL.cluster)),
        requestId,
        user: text(at(row, HISTORY_COL.user)),
        roles: list2(at(row, HISTORY_COL.roles)),
        event,
        by: text(at(row, HISTORY_COL.by)),
        detail: text(at(row, HISTORY_COL.detail)),
        key: text(at(row, HISTORY_COL.key))
      });
    }
    return events;
  }
  function readTab(wb, name, headers) {
    let cells2;
    try {
      cells2 = wb.tab(name).range(1, 1, null, headers.length).values();
    } catch {
      return [];
    }
    const header = cells2[0] ?? [];
    return headers.every((h, i) => header[i] === h) ? cells2.slice(1) : [];
  }
  function readLedger(wb, zone, keep = everyEvent) {
    return {
      rows: mainRows(readTab(wb, SHEET_NAME, LAYOUT2_HEADERS.slice(0, COL.updated)), zone),
      history: historyRows(readTab(wb, HISTORY_SHEET_NAME, HISTORY_HEADERS), keep)
    };
  }

  // appsscript/src/stores/cached-properties.ts
  var CACHE_TTL_SECONDS = 21600;
  function readThrough(store, cache2, key, how = {}) {
    const cached = cache2.get(key);
    if (cached !== null) return cached === how.absent ? null : cached;
    const stored = how.load ? how.load() : store.get(key);
    const kept = stored ?? how.absent;
    if (kept !== void 0) cache2.put(key, kept, CACHE_TTL_SECONDS);
    return stored;
  }

  // appsscript/src/door/nonces.ts
  var BUCKET_SECONDS = 60;
  var MAX_BUCKET_CHARS = 1e5;
  var LEASE_SECONDS = 3600;
  function bucketOf(ts) {
    return Math.floor(ts / BUCKET_SECONDS);
  }
  function bucketLifetime(bucket, now) {
    return (bucket + 1) * BUCKET_SECONDS + TS_WINDOW_SECONDS - now;
  }
  function rebuiltIndex(now, lease) {
    if (lease === null) return { from: 0, made: [], lease: 0 };
    return { from: bucketOf(Math.min(now, lease) + TS_WINDOW_SECONDS) + 1, made: [], lease };
  }
  function parseIndex(text5) {
    if (!text5) return null;
    try {
      const o = JSON.parse(text5);
      const made = Array.isArray(o.made) ? o.made : null;
      if (typeof o.from !== "number" || typeof o.lease !== "number") return null;
      if (!made || !made.every((b) => typeof b === "number")) return null;
      return { from: o.from, made, lease: o.lease };
    } catch {
      return null;
    }
  }
  function holds(bucket, nonce) {
    return ` ${bucket} `.includes(` ${nonce} `);
  }
  function claim(index, bucket, ts, nonce, now) {
    const b = bucketOf(ts);
    if (b < index.from) return { verdict: "busy" };
    const made = index.made.includes(b);
    if (bucket === null && made) return { verdict: "busy", index: rebuiltIndex(now, index.lease) };
    if (bucket !== null && holds(bucket, nonce)) return { verdict: "replayed" };
    const next = bucket ? `${bucket} ${nonce}` : nonce;
    if (next.length > MAX_BUCKET_CHARS) return { verdict: "busy" };
    const live = index.made.filter((m) => bucketLifetime(m, now) > 0);
    const lease = index.lease >= now ? index.lease : now + LEASE_SECONDS;
    return { verdict: "fresh", index: { from: index.from, made: made ? live : [...live, b], lease }, bucket: next };
  }

  // appsscript/src/door/replay.ts
  var INDEX_KEY = "teleport.nonces";
  var bucketKey = (bucket) => `teleport.nonces.${bucket}`;
  var LEASE_PROPERTY = "teleport.nonces.lease";
  var BUCKET_MARGIN_SECONDS = 600;
  function noteAcceptedUntil(p, now) {
    p.scriptProperties.set(LEASE_PROPERTY, String(now));
  }
  function claimNonce(p, ts, nonce, now) {
    const key = bucketKey(bucketOf(ts));
    const found = p.scriptCache.getAll([INDEX_KEY, key]);
    const stored = parseIndex(found[INDEX_KEY]);
    let index = stored;
    if (!index) {
      const lease = p.scriptProperties.get(LEASE_PROPERTY);
      index = rebuiltIndex(now, lease === null ? null : Number(lease));
    }
    const out = claim(index, found[key] ?? null, ts, nonce, now);
    if (out.index && out.index.lease !== index.lease) p.scriptProperties.set(LEASE_PROPERTY, String(out.index.lease));
    if (out.bucket !== void 0) {
      const ttl = Math.min(CACHE_TTL_SECONDS, bucketLifetime(bucketOf(ts), now) + BUCKET_MARGIN_SECONDS);
      p.scriptCache.put(key, out.bucket, ttl);
    }
    const nextIndex = out.index ?? (stored ? null : index);
    if (nextIndex) p.scriptCache.put(INDEX_KEY, JSON.stringify(nextIndex), CACHE_TTL_SECONDS);
    return out.verdict;
  }

  // appsscript/src/stores/secrets.ts
  var KEY = "teleport.secrets";
  var OLD_CONFIG_CACHE_KEY = "teleport.config";
  var NO_SECRETS = { current: null, previous: null, rotatedAt: null };
  function parseSecrets(json) {
    if (!json) return NO_SECRETS;
    try {
      const o = JSON.parse(json);
      return {
        current: typeof o.current === "string" ? o.current : null,
        previous: typeof o.previous === "string" ? o.previous : null,
        rotatedAt: typeof o.rotatedAt === "number" ? o.rotatedAt : null
      };
    } catch {
      return NO_SECRETS;
    }
  }
  function migrate(p) {
    const old = p.scriptProperties.get(KEY);
    if (old === null) return null;
    p.userProperties.set(KEY, old);
    noteAcceptedUntil(p, Math.floor(p.now() / 1e3));
    p.scriptProperties.delete(KEY);
    p.scriptCache.remove(OLD_CONFIG_CACHE_KEY);
    return old;
  }
  function secrets(p) {
    const load = () => p.userProperties.get(KEY) ?? migrate(p);
    return parseSecrets(readThrough(p.userProperties, p.userCache, KEY, { absent: "{}", load }));
  }
  function saveSecrets(p, next) {
    p.userProperties.set(KEY, JSON.stringify(next));
    p.userCache.remove(KEY);
  }
  function newSecret(crypto2) {
    return crypto2.sha256Hex(crypto2.uuid() + crypto2.uuid() + crypto2.uuid());
  }

  // appsscript/src/stores/ledger-store.ts
  var SEALING_KEY = "teleport.rowKey";
  var WEB_URLS_KEY = "teleport.webUrls";
  var HISTORY_CURSOR_KEY = "teleport.historyRows";
  var MAX_WEB_URLS_CHARS = 8e3;
  function sealingKey(p, create) {
    const key = readThrough(p.scriptProperties, p.scriptCache, SEALING_KEY);
    if (key !== null || !create) return key;
    const made = newSecret(p.crypto);
    p.scriptProperties.set(SEALING_KEY, made);
    p.scriptCache.put(SEALING_KEY, made, CACHE_TTL_SECONDS);
    return made;
  }
  function rowMac(p, key) {
    return (json) => p.crypto.hmacSha256Hex(key, "teleport-sheets row\n" + json);
  }
  var NO_MAC = () => "";
  function parseUrls(json) {
    if (!json) return {};
    try {
      const o = JSON.parse(json);
      if (typeof o !== "object" || o === null || Array.isArray(o)) return {};
      return Object.fromEntries(Object.entries(o).filter((e) => typeof e[1] === "string"));
    } catch {
      return {};
    }
  }
  function webUrls(p) {
    return parseUrls(readThrough(p.scriptProperties, p.scriptCache, WEB_URLS_KEY, { absent: "{}" }));
  }
  function rememberWebUrl(p, cluster, webUrl) {
    const urls = webUrls(p);
    if (urls[cluster] === webUrl) return;
    delete urls[cluster];
    let entries = [...Object.entries(urls), [cluster, webUrl]];
    while (entries.length > 1 && JSON.stringify(Object.fromEntries(entries)).length > MAX_WEB_URLS_CHARS) {
      entries = entries.slice(1);
    }
    const json = JSON.stringify(Object.fromEntries(entries));
    p.scriptProperties.set(WEB_URLS_KEY, json);
    p.scriptCache.put(WEB_URLS_KEY, json, CACHE_TTL_SECONDS);
  }
  function historyCursor(p) {
    const cached = p.scriptCache.get(HISTORY_CURSOR_KEY);
    if (cached === null) return null;
    const [next, grid] = cached.split("/").map(Number);
    return Number.isInteger(next) && Number.isInteger(grid) && next >= 2 ? { next, grid } : null;
  }
  function rememberHistoryCursor(p, cursor) {
    p.scriptCache.put(HISTORY_CURSOR_KEY, `${cursor.next}/${cursor.grid}`, CACHE_TTL_SECONDS);
  }
  function forgetHistoryCursor(p) {
    p.scriptCache.remove(HISTORY_CURSOR_KEY);
  }

  // appsscript/src/stores/relays.ts
  var RELAY_KEEP_MS = 7 * 24 * 3600 * 1e3;
  var CONTACT_SAVE_INTERVAL_MS = 5 * 60 * 1e3;
  var MAX_BOOK_CHARS = 8e3;
  var MAX_NAME_CHARS = 200;
  var EMPTY_BOOK = { relays: [], savedAt: 0 };
  var isNumber = (v) => typeof v === "number" && Number.isFinite(v);
  function parseEntry(o) {
    if (typeof o.relay !== "string" || typeof o.cluster !== "string" || !isNumber(o.contactAt)) return null;
    const stats2 = typeof o.stats === "object" && o.stats !== null ? o.stats : {};
    return {
      relay: o.relay,
      cluster: o.cluster,
      contactAt: o.contactAt,
      heartbeatAt: typeof o.heartbeatAt === "string" ? o.heartbeatAt : null,
      stats: Object.fromEntries(Object.entries(stats2).filter(([, v]) => isNumber(v))),
      refreshSeen: isNumber(o.refreshSeen) ? o.refreshSeen : 0
    };
  }
  function parseBook(json) {
    if (!json) return EMPTY_BOOK;
    try {
      const o = JSON.parse(json);
      const relays = Array.isArray(o.relays) ? o.relays.map((r) => parseEntry(r)) : [];
      return { relays: relays.filter((r) => r !== null), savedAt: isNumber(o.savedAt) ? o.savedAt : 0 };
    } catch {
      return EMPTY_BOOK;
    }
  }
  function liveRelays(book, now) {
    return book.relays.filter((r) => now - r.contactAt <= RELAY_KEEP_MS).sort((a, b) => a.cluster.localeCompare(b.cluster) || a.relay.localeCompare(b.relay));
  }
  function noteContact(book, c) {
    const relay = c.relay.slice(0, MAX_NAME_CHARS);
    const cluster = c.cluster.slice(0, MAX_NAME_CHARS);
    const known = book.relays.find((r) => r.relay === relay && r.cluster === cluster);
    const resync = known !== void 0 && known.refreshSeen < c.refreshAt;
    const entry = {
      relay,
      cluster,
      contactAt: c.now,
      heartbeatAt: c.heartbeat ? c.heartbeat.at : known?.heartbeatAt ?? null,
      stats: c.heartbeat ? c.heartbeat.stats ?? {} : known?.stats ?? {},
      refreshSeen: known ? Math.max(known.refreshSeen, c.refreshAt) : c.refreshAt
    };
    const relays = [...liveRelays(book, c.now).filter((r) => r !== known), entry];
    const save = !known || resync || c.heartbeat !== null || c.now - book.savedAt >= CONTACT_SAVE_INTERVAL_MS;
    return { book: { relays, savedAt: save ? c.now : book.savedAt }, resync, save };
  }
  function fitBook(book) {
    let json = JSON.stringify(book);
    if (json.length <= MAX_BOOK_CHARS) return json;
    const relays = book.relays.map((r) => ({ ...r, stats: {} })).sort((a, b) => b.contactAt - a.contactAt);
    while (relays.length > 0) {
      json = JSON.stringify({ ...book, relays });
      if (json.length <= MAX_BOOK_CHARS) return json;
      relays.pop();
    }
    return JSON.stringify({ ...book, relays: [] });
  }

  // appsscript/src/stores/relay-store.ts
  var BOOK_KEY = "teleport.relays";
  var REFRESH_KEY = "teleport.refreshAt";
  function read({ scriptProperties: scriptProperties2, scriptCache: scriptCache2 }) {
    const cached = scriptCache2.getAll([BOOK_KEY, REFRESH_KEY]);
    if (cached[BOOK_KEY] !== void 0 && cached[REFRESH_KEY] !== void 0) {
      return { book: parseBook(cached[BOOK_KEY]), refreshAt: Number(cached[REFRESH_KEY]) || 0 };
    }
    const all = scriptProperties2.all();
    const kept = {
      book: all[BOOK_KEY] ? parseBook(all[BOOK_KEY]) : EMPTY_BOOK,
      refreshAt: Number(all[REFRESH_KEY]) || 0
    };
    scriptCache2.put(REFRESH_KEY, String(kept.refreshAt), CACHE_TTL_SECONDS);
    return kept;
  }
  function relayBook(p) {
    return read(p).book;
  }
  function requestRefresh(p, now) {
    p.scriptProperties.set(REFRESH_KEY, String(now));
    p.scriptCache.put(REFRESH_KEY, String(now), CACHE_TTL_SECONDS);
  }
  function recordContact(p, contact) {
    const { book, refreshAt } = read(p);
    const next = noteContact(book, { ...contact, refreshAt });
    const json = fitBook(next.book);
    p.scriptCache.put(BOOK_KEY, json, CACHE_TTL_SECONDS);
    if (next.save) {
      try {
        p.scriptProperties.set(BOOK_KEY, json);
      } catch (err) {
        console.warn("could not save the relay record: " + (err instanceof Error ? err.message : "unknown"));
      }
    }
    return next.resync;
  }

  // appsscript/src/records/relay-contacts.ts
  function relayContacts(platform) {
    const urls = webUrls(platform);
    const contacts = relayBook(platform).relays.map((relay) => ({
      cluster: relay.cluster,
      webUrl: urls[relay.cluster] ?? "",
      lastContact: new Date(relay.contactAt)
    }));
    for (const [cluster, webUrl] of Object.entries(urls)) {
      if (!contacts.some((c) => c.cluster === cluster)) contacts.push({ cluster, webUrl, lastContact: null });
    }
    return contacts;
  }

  // appsscript/src/tabs/dashboard-tab.ts
  var REFRESH_INTERVAL_MS = 5 * 6e4;
  var DASHBOARD_NOTE = "Kept by the Teleport relay: rewritten on every refresh. Make your own tabs for notes.";
  var STATE_KEY = "teleport.dashboard";
  function sheetZone(platform, wb) {
    const id2 = wb.timeZone();
    return probedZone(id2, (instant2) => platform.formatDate(instant2, id2, "Z"));
  }
  function lastWritten({ scriptCache: scriptCache2 }) {
    const [at, rows] = (scriptCache2.get(STATE_KEY) ?? "").split("/").map(Number);
    return Number.isFinite(at) && Number.isInteger(rows) && rows > 0 ? { at, rows } : null;
  }
  function remember({ scriptCache: scriptCache2 }, written) {
    scriptCache2.put(STATE_KEY, `${written.at}/${written.rows}`, CACHE_TTL_SECONDS);
  }
  function refreshIfDue(platform, open, now) {
    const last = lastWritten(platform);
    if (last && now - last.at < REFRESH_INTERVAL_MS) return;
    remember(platform, { at: now, rows: last?.rows ?? 0 });
    const wb = open();
    refreshDashboard(platform, wb, now, false);
    wb.flush();
  }
  function refreshDashboard(platform, wb, now, layOut) {
    const zone = sheetZone(platform, wb);
    const ledger = readLedger(wb, zone, dashboardEvents(new Date(now)));
    const model = buildDashboard({ ...ledger, relays: relayContacts(platform), now: new Date(now), zone });
    const grid = layoutDashboard(model);
    const tab = wb.tab(DASHBOARD_TAB);
    const created = !tab.exists();
    if (created) tab.create();
    const { rows, grown } = writeValues(tab, grid.values, lastWritten(platform)?.rows ?? null);
    if (created || grown || layOut) layOutTab(tab, grid.formats, grid.bold);
    const titles = tab.chartTitles();
    for (const chart of grid.charts) if (!titles.includes(chart.title)) tab.insertChart(chart);
    writeLinks(tab, grid.values, grid.links);
    remember(platform, { at: now, rows });
  }
  function writeValues(tab, values, previous) {
    const gridRows = tab.gridRows();
    const grown = values.length > gridRows;
    if (grown) tab.insertRowsAfter(gridRows, values.length - gridRows);
    const rows = Math.max(values.length, Math.min(previous ?? gridRows, gridRows));
    const padded = [
      ...values,
      ...Array.from({ length: rows - values.length }, () => Array(DASHBOARD_WIDTH).fill(""))
    ];
    tab.range(1, 1, rows, DASHBOARD_WIDTH).setValues(padded);
    return { rows, grown };
  }
  function writeLinks(tab, values, links) {
    if (links.length === 0) return;
    const first = BLOCKS.waiting.row + 2;
    const column = Array.from({ length: BLOCKS.waiting.capacity }, (_, i) => {
      const shown = values[first - 1 + i]?.[BLOCKS.waiting.col - 1] ?? "";
      const link = links.find((l) => l.row === first + i && l.col === BLOCKS.waiting.col);
      return { text: typeof shown === "string" ? shown.replace(/^'/, "") : String(shown), url: link?.url ?? "" };
    });
    tab.range(first, BLOCKS.waiting.col, column.length, 1).setLinks(column);
  }
  function layOutTab(tab, formats, bold) {
    const growing = BLOCKS.clusters.row + 2;
    const byFormat = /* @__PURE__ */ new Map();
    for (const { range, format } of formats) {
      const m = /^([A-Z]+)([0-9]+)(?::([A-Z]+)[0-9]+)?$/.exec(range);
      const area = m && Number(m[2]) >= growing ? `${m[1]}${m[2]}:${m[3] ?? m[1]}` : range;
      byFormat.set(format, [...byFormat.get(format) ?? [], area]);
    }
    for (const [format, areas] of byFormat) tab.formatAreas(areas, format);
    tab.boldAreas(bold);
    tab.protect({ warningOnly: true, description: DASHBOARD_NOTE });
  }

  // appsscript/src/evidence/period.ts
  var QUARTER = /^([0-9]{4})-Q([1-4])$/i;
  var MONTH = /^([0-9]{4})-([0-9]{2})$/;
  var RANGE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})\s*\.\.\s*([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
  var PERIOD_EXAMPLES = "a quarter (2026-Q3), a month (2026-10) or a range of days (2026-07-01..2026-09-30)";
  function parsePeriod(text5, zone) {
    const trimmed = text5.trim();
    const days2 = localDays(trimmed);
    if (typeof days2 === "string") return { ok: false, error: `${days2} Enter ${PERIOD_EXAMPLES}.` };
    const [first, last] = days2;
    const period = {
      text: trimmed,
      start: startOfLocalDay(first, zone),
      end: startOfLocalDay(last + 1, zone),
      firstDay: formatDay(first),
      lastDay: formatDay(last)
    };
    return { ok: true, period };
  }
  function localDays(text5) {
    const quarter = QUARTER.exec(text5);
    if (quarter) {
      const [year, q] = [Number(quarter[1]), Number(quarter[2])];
      return checkYear(year) ?? [dayOfDate(year, q * 3 - 2, 1), dayOfDate(year, q * 3 + 1, 1) - 1];
    }
    const month = MONTH.exec(text5);
    if (month) {
      const [year, m] = [Number(month[1]), Number(month[2])];
      if (m < 1 || m > 12) return `“${text5}” has no month ${month[2]}.`;
      return checkYear(year) ?? [dayOfDate(year, m, 1), dayOfDate(year, m + 1, 1) - 1];
    }
    const range = RANGE.exec(text5);
    if (!range) return `“${text5}” is not a period.`;
    const first = calendarDay(range.slice(1, 4), text5);
    const last = calendarDay(range.slice(4, 7), text5);
    if (typeof first === "string") return first;
    if (typeof last === "string") return last;
    return first <= last ? [first, last] : `“${text5}” ends before it starts.`;
  }
  function checkYear(year) {
    return year >= 1970 && year <= 9998 ? null : `The year ${year} is out of range (1970–9998).`;
  }
  function calendarDay(parts, text5) {
    const [year, month, date] = parts.map(Number);
    const yearProblem = checkYear(year);
    if (yearProblem) return yearProblem;
    const day = dayOfDate(year, month, date);
    const valid = month >= 1 && month <= 12 && formatDay(day) === parts.join("-");
    return valid ? day : `“${text5}” contains ${parts.join("-")}, which is not a date.`;
  }

  // appsscript/src/evidence/canonical.ts
  function canonicalCell(value) {
    if (value === null) return "";
    if (typeof value === "number") return String(value);
    if (typeof value === "string") return value;
    return value.toISOString();
  }
  function canonicalText(tables) {
    return [...tables.requests, ...tables.history].map((row) => row.map(canonicalCell).join("	")).join("\n");
  }

  // appsscript/src/evidence/select.ts
  var REQUEST_HEADERS = [
    ...["ID", "Created", "User", "Roles", "Status", "Link", "Reason", "Resources", "Reviews", "Resolution"],
    ...["Decided by", "Decided", "Time to decision (s)", "Suggested reviewers", "Request expires", "Access starts"],
    ...["Access expires", "Access duration (s)", "Cluster", "Updated"]
  ];
  var STATUS_ORDER = ["PENDING", "APPROVED", "PROMOTED", "DENIED", "EXPIRED", "NONE"];
  function selectEvidence(input) {
    const { start, end } = input.period;
    const inPeriod = (row) => row.created.getTime() >= start.getTime() && row.created.getTime() < end.getTime();
    const wanted = (cluster) => input.clusters === null || input.clusters.includes(cluster);
    const requests = input.rows.filter((row) => inPeriod(row) && wanted(row.cluster)).sort((a, b) => a.created.getTime() - b.created.getTime() || compareRows(a, b));
    const selected = new RequestMap();
    for (const row of requests) selected.set(row.cluster, row.id, true);
    const events = input.history.filter((event) => selected.get(event.cluster, event.requestId)).sort((a, b) => a.time.getTime() - b.time.getTime());
    const latest = latestRelays(input.relays);
    const linkOf = (row) => requestLink(latest.get(row.cluster)?.webUrl ?? "", row.id) ?? "";
    return {
      tables: {
        requests: [[...REQUEST_HEADERS], ...requests.map((row) => requestCells(row, linkOf(row)))],
        history: [[...HISTORY_HEADERS], ...events.map(historyCells)]
      },
      statusCounts: statusCounts(requests),
      clusters: input.clusters
    };
  }
  var compareRows = (a, b) => compareText(requestKey(a.cluster, a.id), requestKey(b.cluster, b.id));
  var text2 = (value) => truncate(value);
  var seconds = (days2) => days2 === null ? null : Math.round(days2 * DAY_MS) / 1e3;
  function requestCells(row, link) {
    return [
      ...[text2(row.id), row.created, text2(row.user), text2(row.roles.join(", ")), text2(row.status), link],
      ...[text2(row.reason), text2(row.resources), text2(row.reviews), text2(row.resolution), text2(row.decidedBy)],
      ...[row.decided, seconds(row.timeToDecision), text2(row.suggestedReviewers), row.requestExpires],
      ...[row.accessStarts, row.accessExpires, seconds(row.accessDuration), text2(row.cluster), row.updated]
    ];
  }
  function historyCells(event) {
    return [
      ...[event.time, text2(event.cluster), text2(event.requestId), text2(event.user), text2(event.roles.join(", "))],
      ...[text2(event.event), text2(event.by), text2(event.detail), text2(event.key)]
    ];
  }
  function statusCounts(rows) {
    const counts = new Map(STATUS_ORDER.map((status) => [status, 0]));
    for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
    const known = STATUS_ORDER.map((status) => [status, counts.get(status)]);
    const others = [...counts].filter(([status]) => !STATUS_ORDER.includes(status));
    return [...known, ...others.sort((a, b) => compareText(a[0], b[0]))];
  }

  // appsscript/src/evidence/layout.ts
  var LABEL = {
    period: "Period",
    clusters: "Clusters",
    generatedAt: "Generated at",
    generatedBy: "Generated by",
    editors: "Editable by",
    requests: "Requests",
    events: "History events",
    note: "Note",
    digest: "Content SHA-256"
  };
  var STATUS_PREFIX = "Status ";
  var TITLE = "Evidence: access requests";
  var REQUESTS_TITLE = "Requests created in the period";
  var HISTORY_TITLE = "History of these requests";
  var EMPTY_NOTE = "No request was created in this period.";
  var EVIDENCE_WIDTH = REQUEST_HEADERS.length;
  function evidenceTabName(period) {
    return `Evidence ${period.text}`.slice(0, 100);
  }
  function layoutEvidence(selection, meta, sha256Hex) {
    const { requests, history } = selection.tables;
    const digest = sha256Hex(canonicalText(selection.tables));
    const block = headerBlock(selection, meta, digest);
    const grid = emptyGrid(1, EVIDENCE_WIDTH);
    putRow(grid, 1, 1, [TITLE]);
    block.forEach((line, i) => putRow(grid, 2 + i, 1, line));
    const requestsTitle = block.length + 3;
    const historyTitle = tableAt(grid, requestsTitle, REQUESTS_TITLE, requests);
    tableAt(grid, historyTitle, HISTORY_TITLE, history);
    grid.bold.push("A1", a12(requestsTitle, 1, 2, EVIDENCE_WIDTH), a12(historyTitle, 1, 2, HISTORY_HEADERS.length));
    return { ...grid, digest, requestsHeaderRow: requestsTitle + 1, historyHeaderRow: historyTitle + 1 };
  }
  function tableAt(grid, row, title, rows) {
    putRow(grid, row, 1, [title]);
    rows.forEach((cells2, i) => putRow(grid, row + 1 + i, 1, cells2.map(canonicalCell)));
    return row + 1 + rows.length + 1;
  }
  function headerBlock(selection, meta, digest) {
    const { period } = meta;
    const requests = selection.tables.requests.length - 1;
    const span = `${period.firstDay} to ${period.lastDay} inclusive, ${meta.zone}`;
    const instants = `[${period.start.toISOString()}, ${period.end.toISOString()})`;
    const lines = [
      [LABEL.period, `${period.text}: ${span} = ${instants}`],
      [LABEL.clusters, selection.clusters === null ? "all" : selection.clusters.join(", ")],
      [LABEL.generatedAt, meta.generatedAt.toISOString()]
    ];
    if (meta.generatedBy) lines.push([LABEL.generatedBy, meta.generatedBy]);
    if (meta.editors?.length) lines.push([LABEL.editors, meta.editors.join(", ")]);
    lines.push([LABEL.requests, String(requests)], [LABEL.events, String(selection.tables.history.length - 1)]);
    for (const [status, count2] of selection.statusCounts) lines.push([`${STATUS_PREFIX}${status}`, String(count2)]);
    if (requests === 0) lines.push([LABEL.note, EMPTY_NOTE]);
    lines.push([LABEL.digest, digest]);
    return lines;
  }

  // appsscript/src/evidence/verify.ts
  function verifyEvidence(grid, sha256Hex) {
    const start = grid.findIndex((row) => text3(row[0]) === REQUESTS_TITLE);
    if (start < 0) return failed(`No row says "${REQUESTS_TITLE}": this is not an evidence tab.`, null);
    const head = new Map(grid.slice(0, start).map((row) => [text3(row[0]), text3(row[1])]));
    const expected = head.get(LABEL.digest) ?? null;
    const requests = count(head.get(LABEL.requests));
    const events = count(head.get(LABEL.events));
    if (expected === null || requests === null || events === null) {
      return failed(`The header block lacks "${LABEL.digest}", "${LABEL.requests}" or "${LABEL.events}".`, expected);
    }
    const historyTitle = start + 1 + (requests + 1) + 1;
    if (text3(grid[historyTitle]?.[0]) !== HISTORY_TITLE) {
      return failed(`Row ${historyTitle + 1} should say "${HISTORY_TITLE}": rows were added or removed.`, expected);
    }
    const rows = [
      ...rowsAt(grid, start + 1, requests + 1, EVIDENCE_WIDTH),
      ...rowsAt(grid, historyTitle + 1, events + 1, HISTORY_HEADERS.length)
    ];
    const actual = sha256Hex(rows.map((row) => row.join("	")).join("\n"));
    if (actual === expected) return { ok: true, digest: actual };
    return { ok: false, problem: "The content no longer matches its digest.", expected, actual };
  }
  function failed(problem, expected) {
    return { ok: false, problem, expected, actual: null };
  }
  function rowsAt(grid, first, count2, width) {
    return Array.from({ length: count2 }, (_, i) => Array.from({ length: width }, (_2, c) => text3(grid[first + i]?.[c])));
  }
  function text3(value) {
    if (typeof value === "string") return value;
    if (typeof value === "number") return canonicalCell(value);
    if (Object.prototype.toString.call(value) === "[object Date]") {
      const date = value;
      return isNaN(date.getTime()) ? "" : canonicalCell(date);
    }
    return value === null || value === void 0 ? "" : String(value);
  }
  function count(value) {
    return value !== void 0 && /^[0-9]{1,9}$/.test(value) ? Number(value) : null;
  }

  // appsscript/src/stores/spreadsheet-id.ts
  var KEY2 = "teleport.spreadsheetId";
  var NONE = "(none)";
  function spreadsheetId({ scriptProperties: scriptProperties2, scriptCache: scriptCache2 }) {
    return readThrough(scriptProperties2, scriptCache2, KEY2, { absent: NONE });
  }
  function rememberSpreadsheetId(p, id2) {
    if (p.scriptProperties.get(KEY2) === id2) return;
    p.scriptProperties.set(KEY2, id2);
    p.scriptCache.remove(KEY2);
  }
  function openSpreadsheet(platform) {
    const active = platform.activeSpreadsheet();
    if (!active) return platform.spreadsheet(spreadsheetId(platform));
    rememberSpreadsheetId(platform, active.id());
    return active;
  }

  // appsscript/src/menu/dashboard-menu.ts
  var LOCK_WAIT_MS = 3e4;
  var BUSY = "The sheet is busy receiving updates. Try again in a minute.";
  var EXPORT = "Export evidence";
  var VERIFY = "Verify evidence";
  var EVIDENCE_PROTECTION = "Evidence for auditors: only the owner may change it, and its Content SHA-256 shows whether anyone did.";
  function refreshDashboardNow(platform) {
    const wb = openSpreadsheet(platform);
    const done = platform.withScriptLock(LOCK_WAIT_MS, () => {
      refreshDashboard(platform, wb, platform.now(), false);
      wb.flush();
      return true;
    });
    if (done) platform.ui()?.toast("The Dashboard tab is up to date.", "Refresh dashboard");
    else platform.ui()?.alert("Refresh dashboard", BUSY);
  }
  function userEmail(platform) {
    try {
      return platform.effectiveUser() || null;
    } catch {
      return null;
    }
  }
  function writeEvidence(platform, wb, period, zone) {
    const ledger = readLedger(wb, zone);
    const selection = selectEvidence({ ...ledger, relays: relayContacts(platform), period, clusters: null });
    const tab = wb.tab(evidenceTabName(period));
    if (tab.exists()) tab.clear();
    else tab.create();
    const editors = tab.protectOwnerOnly(EVIDENCE_PROTECTION);
    const generatedAt = new Date(platform.now());
    const meta = { period, zone: zone.id, generatedAt, generatedBy: userEmail(platform), editors };
    const grid = layoutEvidence(selection, meta, (text5) => platform.crypto.sha256Hex(text5));
    const gridRows = tab.gridRows();
    if (grid.values.length > gridRows) tab.insertRowsAfter(gridRows, grid.values.length - gridRows);
    tab.range(1, 1, grid.values.length, EVIDENCE_WIDTH).setValues(grid.values);
    tab.boldAreas(grid.bold);
    wb.flush();
    return grid;
  }
  function exportEvidence(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    const wb = openSpreadsheet(platform);
    const answer = ui2.prompt(EXPORT, `Which period? Enter ${PERIOD_EXAMPLES}.`);
    if (answer === null) return;
    const zone = sheetZone(platform, wb);
    const parsed = parsePeriod(answer, zone);
    if (!parsed.ok) {
      ui2.alert(EXPORT, parsed.error);
      return;
    }
    const grid = platform.withScriptLock(LOCK_WAIT_MS, () => writeEvidence(platform, wb, parsed.period, zone));
    if (!grid) {
      ui2.alert(EXPORT, BUSY);
      return;
    }
    const name = evidenceTabName(parsed.period);
    ui2.alert(EXPORT, `"${name}" is ready and protected. Content SHA-256: ${grid.digest}`);
  }
  function verifyEvidenceTab(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    const wb = openSpreadsheet(platform);
    const at = ui2.selection();
    if (!at || !at.tab.startsWith("Evidence ")) {
      ui2.alert(VERIFY, 'Open an evidence tab (such as "Evidence 2026-Q3") first, then choose Verify evidence.');
      return;
    }
    const tab = wb.tab(at.tab);
    const last = tab.lastRow();
    const cells2 = last === 0 ? [] : tab.range(1, 1, last, EVIDENCE_WIDTH).values();
    const result = verifyEvidence(cells2, (text5) => platform.crypto.sha256Hex(text5));
    if (result.ok) {
      ui2.alert(VERIFY, `It matches: "${at.tab}" is unchanged since it was generated (SHA-256 ${result.digest}).`);
      return;
    }
    const digests = result.actual ? ` Recorded: ${result.expected}. Computed now: ${result.actual}.` : "";
    ui2.alert(VERIFY, `It does NOT match: ${result.problem}${digests}`);
  }

  // appsscript/src/ledger/history.ts
  var GONE_DETAIL = "no longer in Teleport";
  function emptyHistoryMark() {
    return { requested: false, reviews: 0, states: [], gone: 0, back: 0 };
  }
  function isAway(mark) {
    return mark.gone > mark.back;
  }
  function rolesText(roles2) {
    return roles2.join(", ");
  }
  function historyStep(mark, effect, cluster, now) {
    switch (effect.kind) {
      case "upsert":
        return upsertStep(mark, effect.request, effect.decision, cluster, now);
      case "away":
        return awayStep(mark, effect.row, effect.status, cluster, now);
      case "stale":
      case "none":
        return { events: [], mark };
    }
  }
  function upsertStep(mark, request2, decision, cluster, now) {
    const person = { id: request2.id, user: request2.user, roles: rolesText(request2.roles) };
    const event = eventMaker(cluster, person);
    const events = [];
    const next = { ...mark, states: [...mark.states] };
    if (isAway(mark)) {
      next.back = mark.gone;
      events.push(event("restored", `back/${next.back}`, now, "", ""));
    }
    if (!mark.requested) {
      next.requested = true;
      events.push(event("requested", "requested", toDate(request2.created) ?? now, request2.user, request2.reason));
    }
    request2.reviews.slice(mark.reviews).forEach((review2, i) => {
      const n = mark.reviews + i + 1;
      const detail = review2.state + (review2.reason !== "" ? ` — ${review2.reason}` : "");
      events.push(event("reviewed", `review/${n}`, toDate(review2.created) ?? now, review2.author, detail));
    });
    next.reviews = Math.max(mark.reviews, request2.reviews.length);
    const state = request2.state;
    if (isResolved(state) && !mark.states.includes(state)) {
      next.states.push(state);
      const promoted = state === "PROMOTED" && request2.promotedTo ? ` → ${request2.promotedTo}` : "";
      const type = state.toLowerCase();
      events.push(
        event(type, `state/${state}`, decision.decided ?? now, decision.decidedBy, request2.resolveReason + promoted)
      );
    }
    return { events, mark: next };
  }
  function awayStep(mark, row, status, cluster, now) {
    if (isAway(mark)) return { events: [], mark };
    const next = { ...mark, gone: mark.gone + 1 };
    const type = status === "EXPIRED" ? "expired" : "removed";
    return { events: [eventMaker(cluster, row)(type, `gone/${next.gone}`, now, "", GONE_DETAIL)], mark: next };
  }
  function eventMaker(cluster, row) {
    return (event, keyTail, time2, by, detail) => ({
      time: time2,
      cluster,
      requestId: row.id,
      user: row.user,
      roles: row.roles,
      event,
      by,
      detail,
      key: `${cluster}/${row.id}/${keyTail}`
    });
  }
  function historyValues(e) {
    return [e.time, e.cluster, e.requestId, e.user, e.roles, e.event, e.by, e.detail, e.key];
  }
  var STATE_LETTERS = { APPROVED: "A", DENIED: "D", PROMOTED: "P" };
  function packHistoryMark(mark) {
    const packed = {};
    if (mark.requested) packed.q = 1;
    if (mark.reviews > 0) packed.n = mark.reviews;
    if (mark.states.length > 0) packed.s = mark.states.map((s) => STATE_LETTERS[s]).join("");
    if (mark.gone > 0) packed.g = mark.gone;
    if (mark.back > 0) packed.b = mark.back;
    return packed;
  }
  function unpackHistoryMark(value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const o = value;
    const counts = [o.n, o.g, o.b].map((v) => v === void 0 ? 0 : v);
    if (!counts.every((v) => Number.isInteger(v) && v >= 0)) return null;
    if (o.q !== void 0 && o.q !== 1) return null;
    const states = unpackStates(o.s);
    if (states === null) return null;
    const [reviews, gone, back] = counts;
    if (back > gone) return null;
    return { requested: o.q === 1, reviews, states, gone, back };
  }
  function unpackStates(value) {
    if (value === void 0) return [];
    if (typeof value !== "string") return null;
    const states = [];
    for (const letter of value) {
      const state = Object.keys(STATE_LETTERS).find((s) => STATE_LETTERS[s] === letter);
      if (state === void 0 || states.includes(state)) return null;
      states.push(state);
    }
    return states;
  }

  // appsscript/src/ledger/history-reformat.ts
  function reformatHistory(rows) {
    const seen = /* @__PURE__ */ new Set();
    const kept = [];
    rows.forEach((row, index) => {
      const key = row[HISTORY_COL.key - 1];
      if (typeof key === "string" && key !== "") {
        if (seen.has(key)) return;
        seen.add(key);
      }
      kept.push({ row, time: timeOf(row[HISTORY_COL.time - 1]), index });
    });
    kept.sort((a, b) => b.time - a.time || a.index - b.index);
    return { rows: kept.map((k) => k.row), removed: rows.length - kept.length };
  }
  function timeOf(cell2) {
    if (Object.prototype.toString.call(cell2) !== "[object Date]") return -Infinity;
    const ms = cell2.getTime();
    return isNaN(ms) ? -Infinity : ms;
  }

  // appsscript/src/tabs/history-tab.ts
  var HISTORY_GROW_ROWS = 5e3;
  var WIDTHS = [130, 160, 280, 160, 180, 90, 160, 360, 80];
  var HISTORY_NOTE = "Kept by the Teleport relay: a record of every change, appended only. Do not edit.";
  function layout(tab) {
    const header = tab.range(1, 1, 1, HISTORY_HEADERS.length);
    header.setValues([HISTORY_HEADERS.map((h) => literal(h))]);
    header.setBold();
    tab.freezeRows(1);
    WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
    tab.formatColumns([HISTORY_COL.time], DATE_TIME_FORMAT);
    tab.hideColumn(HISTORY_COL.key);
    tab.protect({ warningOnly: true, description: HISTORY_NOTE });
  }
  function locate(p, tab) {
    const known = historyCursor(p);
    if (known) return known;
    if (!tab.exists()) {
      tab.create();
      layout(tab);
    }
    return { next: Math.max(2, tab.lastRow() + 1), grid: tab.gridRows() };
  }
  function write(p, tab, values) {
    let rows = locate(p, tab);
    const end = rows.next + values.length - 1;
    if (end > rows.grid) {
      const grow = end - rows.grid + HISTORY_GROW_ROWS;
      tab.insertRowsAfter(rows.grid, grow);
      rows = { ...rows, grid: rows.grid + grow };
    }
    rememberHistoryCursor(p, { next: end + 1, grid: rows.grid });
    tab.range(rows.next, 1, values.length, HISTORY_HEADERS.length).setValues(values);
  }
  function appendHistory(p, wb, events) {
    if (events.length === 0) return;
    const values = events.map((e) => historyValues(e).map((v) => typeof v === "string" ? literal(v) : v));
    const tab = wb.tab(HISTORY_SHEET_NAME);
    try {
      write(p, tab, values);
    } catch (err) {
      if (historyCursor(p) === null) throw err;
      forgetHistoryCursor(p);
      write(p, wb.tab(HISTORY_SHEET_NAME), values);
    }
  }
  function historyKeys(p, wb) {
    const tab = wb.tab(HISTORY_SHEET_NAME);
    if (historyCursor(p) === null && !tab.exists()) return /* @__PURE__ */ new Set();
    const { next } = locate(p, tab);
    if (next <= 2) return /* @__PURE__ */ new Set();
    const cells2 = tab.range(2, HISTORY_COL.key, next - 2, 1).values();
    return new Set(cells2.map((row) => row[0]).filter((k) => typeof k === "string" && k !== ""));
  }
  function reformatHistoryTab(p, wb) {
    const tab = wb.tab(HISTORY_SHEET_NAME);
    if (!tab.exists()) return;
    layout(tab);
    const last = tab.lastRow();
    forgetHistoryCursor(p);
    if (last < 2) return;
    const range = tab.range(2, 1, last - 1, HISTORY_HEADERS.length);
    const { rows, removed } = reformatHistory(range.values());
    const blank = Array.from({ length: removed }, () => HISTORY_HEADERS.map(() => ""));
    range.setValues([...rows.map((row) => row.map(rewritable)), ...blank]);
  }

  // appsscript/src/door/verify.ts
  function utf8Length(text5) {
    let bytes = 0;
    for (let i = 0; i < text5.length; i++) {
      const c = text5.charCodeAt(i);
      if (c < 128) bytes += 1;
      else if (c < 2048) bytes += 2;
      else if (c >= 55296 && c <= 56319 && i + 1 < text5.length) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }
  function constantTimeEqual(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return diff === 0;
  }
  function acceptedKeys(secrets2, nowSeconds) {
    const keys = [];
    if (secrets2.current) keys.push(secrets2.current);
    const inGrace = secrets2.rotatedAt !== null && nowSeconds - secrets2.rotatedAt <= ROTATION_GRACE_SECONDS;
    if (secrets2.previous && inGrace) keys.push(secrets2.previous);
    return keys;
  }
  function refuse(error, message) {
    return { ok: false, error, message };
  }
  function verify(req, deps) {
    const { body, ts, nonce, sig } = req;
    if (typeof body !== "string" || body === "") return refuse("bad_request", "missing body");
    if (body.length > MAX_BODY_BYTES || utf8Length(body) > MAX_BODY_BYTES) return refuse("bad_request", "body too large");
    if (typeof ts !== "string" || !TS_PATTERN.test(ts)) return refuse("bad_request", "missing or malformed ts");
    if (typeof nonce !== "string" || !NONCE_PATTERN.test(nonce))
      return refuse("bad_request", "missing or malformed nonce");
    if (typeof sig !== "string" || !SIG_PATTERN.test(sig)) return refuse("bad_request", "missing or malformed sig");
    const now = deps.nowSeconds();
    if (Math.abs(now - Number(ts)) > TS_WINDOW_SECONDS) return refuse("clock_skew", "ts outside the accepted window");
    const message = signingString(ts, nonce, body);
    let matched = false;
    for (const key of acceptedKeys(deps.secrets(), now)) {
      if (constantTimeEqual(deps.hmacHex(key, message), sig)) matched = true;
    }
    if (!matched) return refuse("bad_signature", "signature does not match");
    return { ok: true, body, ts: Number(ts), nonce };
  }

  // appsscript/src/rows/rowmeta.ts
  var TAG_CHARS = 32;
  var TAGGED = /^[0-9a-f]{32}\{/;
  var MAX_JSON_CHARS = 4e4;
  var SHORT_PERSON_CHARS = 1e3;
  function isGone(meta) {
    return isAway(meta.history);
  }
  function statusOf(meta) {
    return isGone(meta) && meta.state === "PENDING" ? "EXPIRED" : meta.state;
  }
  function cut(text5, max) {
    return text5.length <= max ? text5 : text5.slice(0, max - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
  }
  function encode(meta, personChars) {
    return JSON.stringify({
      i: meta.id,
      c: meta.cluster,
      s: meta.state,
      r: meta.rank,
      n: meta.reviews,
      h: meta.hash,
      ...meta.resolved ? { d: meta.resolved } : {},
      m: packHistoryMark(meta.history),
      u: cut(meta.user, personChars),
      o: cut(meta.roles, personChars)
    });
  }
  function encodeMeta(meta) {
    const json = encode(meta, MAX_JSON_CHARS);
    return json.length <= MAX_JSON_CHARS ? json : encode(meta, SHORT_PERSON_CHARS);
  }
  function sealMeta(meta, mac) {
    const json = encodeMeta(meta);
    return mac(json).slice(0, TAG_CHARS) + json;
  }
  function openMeta(cell2, mac) {
    if (typeof cell2 !== "string" || !TAGGED.test(cell2)) return null;
    const json = cell2.slice(TAG_CHARS);
    if (!constantTimeEqual(mac(json).slice(0, TAG_CHARS), cell2.slice(0, TAG_CHARS))) return null;
    return decodeMeta(json);
  }
  function parseObject(json) {
    try {
      const raw = JSON.parse(json);
      return typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : null;
    } catch {
      return null;
    }
  }
  function claimOf(cell2) {
    if (typeof cell2 !== "string") return null;
    const json = TAGGED.test(cell2) ? cell2.slice(TAG_CHARS) : cell2.startsWith("{") ? cell2 : null;
    const o = json === null ? null : parseObject(json);
    if (!o || typeof o.i !== "string" || o.i === "" || typeof o.c !== "string") return null;
    const mark = unpackHistoryMark(o.m);
    return { id: o.i, cluster: o.c, away: mark !== null && isAway(mark) };
  }
  function decodeMeta(json) {
    const o = parseObject(json);
    if (!o) return null;
    const history = unpackHistoryMark(o.m);
    const resolved = o.d === void 0 ? null : readResolvedMark(o.d);
    const ok = typeof o.i === "string" && o.i !== "" && typeof o.c === "string" && typeof o.s === "string" && REQUEST_STATES.includes(o.s) && Number.isInteger(o.r) && Number.isInteger(o.n) && typeof o.h === "string" && typeof o.u === "string" && typeof o.o === "string" && history !== null && (o.d === void 0 || resolved !== null);
    if (!ok) return null;
    return {
      id: o.i,
      cluster: o.c,
      state: o.s,
      rank: o.r,
      reviews: o.n,
      hash: o.h,
      resolved,
      history,
      user: o.u,
      roles: o.o
    };
  }
  function contentHash(parts) {
    const text5 = parts.join("\0");
    let a = 2166136261;
    let b = 16777619 ^ 1540483477;
    for (let i = 0; i < text5.length; i++) {
      const c = text5.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 16777619) ^ b >>> 15;
    }
    return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  }

  // appsscript/src/rows/compose.ts
  var SpanNotReadError = class extends Error {
    constructor() {
      super(...arguments);
      this.code = "span_not_read";
    }
  };
  function existing(spanValues, offset) {
    const row = spanValues?.[offset];
    if (!row) throw new SpanNotReadError("the span holds a row that was not read");
    return Array.from({ length: COLUMN_COUNT }, (_, i) => rewritable(row[i]));
  }
  function composeBlock(plan2, spanValues, now, mac) {
    if (!plan2.span) return null;
    const { first, last } = plan2.span;
    const values = [];
    const links = [];
    for (let row = first; row <= last; row++) {
      const write2 = plan2.writes.get(row);
      const cells2 = write2?.cells ? write2.cells.slice() : existing(spanValues, row - first);
      if (write2) {
        cells2[COL.status - 1] = literal(statusOf(write2.meta));
        cells2[COL.updated - 1] = now;
        cells2[COL.version - 1] = literal(sealMeta(write2.meta, mac));
      }
      const meta = plan2.metaAt(row);
      const url = meta ? plan2.linkOf(meta) : "";
      links.push(meta ? { text: url !== "" ? LINK_LABEL : "", url } : null);
      values.push(cells2);
    }
    return { first, values, links };
  }

  // appsscript/src/rows/layout.ts
  var PROTECTION_NOTE = "Kept by the Teleport relay: edits here are overwritten. Review requests in Teleport.";
  function statusRules() {
    return Object.entries(STATUS_COLOURS).map(([text5, background]) => ({
      text: text5,
      background,
      column: COL.status,
      fromRow: 2
    }));
  }
  function isStatusRule(rule) {
    if (rule.criteria !== "TEXT_EQUAL_TO") return false;
    const value = rule.values[0];
    return typeof value === "string" && value in STATUS_COLOURS && rule.ranges.every((r) => r.column === COL.status && r.columns === 1);
  }
  function relinks(versionCells2, mac, webUrls2) {
    return versionCells2.map((cell2) => {
      const meta = openMeta(cell2, mac);
      if (!meta) return null;
      const url = requestLink(webUrls2[meta.cluster] ?? "", meta.id) ?? "";
      return { text: url === "" ? "" : LINK_LABEL, url };
    });
  }
  function columnInsertions(gridColumns) {
    return gridColumns < COLUMN_COUNT ? [{ after: gridColumns, count: COLUMN_COUNT - gridColumns }] : [];
  }
  function sortArea(lastRow, lastColumn) {
    return lastRow > 2 ? { rows: lastRow - 1, columns: Math.max(COLUMN_COUNT, lastColumn) } : null;
  }

  // appsscript/src/tabs/requests-tab.ts
  var UnknownLayoutError = class extends Error {
    constructor() {
      super(...arguments);
      this.code = "unknown_layout";
    }
  };
  function layout2(tab) {
    const header = tab.range(1, 1, 1, COLUMN_COUNT);
    header.setValues([LAYOUT2_HEADERS.map((h) => literal(h))]);
    header.setBold();
    tab.freezeRows(1);
    COLUMN_WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
    tab.formatColumns(DATE_COLUMNS, DATE_TIME_FORMAT);
    tab.formatColumns(DURATION_COLUMNS, DURATION_FORMAT);
    tab.hideColumn(COL.version);
    tab.setFormatRules(
      tab.formatRules().filter((rule) => !isStatusRule(rule)),
      statusRules()
    );
    tab.protect({ warningOnly: true, description: PROTECTION_NOTE });
  }
  function upgrade(tab) {
    for (const insert of upgradeInserts()) tab.insertColumnsAfter(insert.after, insert.count);
    tab.range(1, 1, 1, COLUMN_COUNT).setValues([LAYOUT2_HEADERS.map((h) => literal(h))]);
    tab.formatColumns([COL.decided, COL.accessStarts], DATE_TIME_FORMAT);
    tab.formatColumns(DURATION_COLUMNS, DURATION_FORMAT);
    tab.hideColumn(COL.version);
  }
  function ensureTab(wb) {
    const tab = wb.tab(SHEET_NAME);
    if (!tab.exists()) {
      tab.create();
      layout2(tab);
      return "created";
    }
    const width = tab.gridColumns();
    const header = tab.range(1, 1, 1, width).values()[0] ?? [];
    switch (detectLayout(header)) {
      case "layout2":
        return "ready";
      case "layout1":
        upgrade(tab);
        return "upgraded";
      case "new":
        for (const { after, count: count2 } of columnInsertions(width)) tab.insertColumnsAfter(after, count2);
        layout2(tab);
        return "created";
      case "unknown":
        throw new UnknownLayoutError("the requests tab has headers this script does not know");
    }
  }
  function readVersionColumn(wb, onUpgrade) {
    const read2 = () => wb.tab(SHEET_NAME).range(1, COL.version, null, 1).values();
    let values = null;
    try {
      values = read2();
    } catch {
    }
    if (values === null || values[0]?.[0] !== LAYOUT2_HEADERS[COL.version - 1]) {
      if (ensureTab(wb) === "upgraded") onUpgrade();
      values = read2();
    }
    return values.map((row) => row[0]);
  }
  function readIdentityCells(wb) {
    const column = (col) => wb.tab(SHEET_NAME).range(1, col, null, 1).values().map((row) => row[0]);
    return { ids: column(COL.id), clusters: column(COL.cluster) };
  }
  function applyPlan(wb, plan2, now, mac) {
    if (!plan2.span) return;
    const { first, last } = plan2.span;
    const tab = wb.tab(SHEET_NAME);
    if (plan2.growBy > 0) tab.insertRowsAfter(plan2.gridRows, plan2.growBy);
    const rows = last - first + 1;
    const range = tab.range(first, 1, rows, COLUMN_COUNT);
    const block = composeBlock(plan2, plan2.needsRead ? range.values() : null, now, mac);
    range.setValues(block.values);
    tab.range(first, COL.link, rows, 1).setLinks(block.links);
  }
  function reformat(wb, mac, webUrls2) {
    const made = ensureTab(wb);
    const tab = wb.tab(SHEET_NAME);
    layout2(tab);
    const area = sortArea(tab.lastRow(), tab.lastColumn());
    if (area) tab.range(2, 1, area.rows, area.columns).sort(COL.created, false);
    const last = tab.lastRow();
    if (last >= 2) {
      const versions = tab.range(2, COL.version, last - 1, 1).values().map((row) => row[0]);
      tab.range(2, COL.link, last - 1, 1).setLinks(relinks(versions, mac, webUrls2));
    }
    return made === "upgraded" ? "upgraded" : "ready";
  }

  // appsscript/src/menu/menu-text.ts
  var SILENCE_WARNING_MS = 2 * 60 * 1e3;
  function describeAge(ms) {
    const s = Math.max(0, Math.round(ms / 1e3));
    if (s < 60) return `${s} s ago`;
    if (s < 3600) return `${Math.floor(s / 60)} min ago`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min ago`;
    return `${Math.floor(s / 86400)} days ago`;
  }
  function relayLine(r, now) {
    const age = now - r.contactAt;
    const silent = age > SILENCE_WARNING_MS;
    return {
      cluster: r.cluster === "" ? "(no cluster)" : r.cluster,
      relay: r.relay === "" ? "unknown" : r.relay,
      contact: silent ? `silent for over 2 minutes (last heard from ${describeAge(age)})` : describeAge(age),
      silent,
      heartbeat: r.heartbeatAt ? `${r.heartbeatAt} (${describeAge(now - Date.parse(r.heartbeatAt))})` : "none yet",
      stats: Object.entries(r.stats).map(([k, v]) => `${k}: ${v}`).join(", ")
    };
  }
  function refreshMessage(relays, now) {
    if (relays.length === 0)
      return "No relay has contacted this sheet in the last 7 days. The refresh will happen when a relay next delivers.";
    const lines = relays.map((r) => {
      const line = relayLine(r, now);
      const who = `${line.cluster} (${line.relay})`;
      return line.silent ? `Warning: ${who} has been ${line.contact}.` : `${who} was last heard from ${line.contact}.`;
    });
    const n = relays.length === 1 ? "The relay" : `Each of the ${relays.length} relays`;
    return `${lines.join(" ")} ${n} will re-send every request with its next delivery.`;
  }
  function countStatuses(versionColumn, mac) {
    const counts = Object.fromEntries([...REQUEST_STATES, "EXPIRED"].map((s) => [s, 0]));
    versionColumn.forEach((cell2, i) => {
      const meta = i === 0 ? null : openMeta(cell2, mac);
      if (meta) counts[statusOf(meta)]++;
    });
    return counts;
  }

  // appsscript/src/menu/menu.ts
  var REFORMAT_LOCK_WAIT_MS = 3e4;
  var MENU_ITEMS = [
    { caption: "View in Teleport", functionName: "viewInTeleport" },
    { caption: "Refresh from Teleport", functionName: "refreshFromTeleport" },
    null,
    { caption: "Reformat", functionName: "reformatSheet" },
    { caption: "Relay status", functionName: "relayStatus" },
    null,
    { caption: "Refresh dashboard", functionName: "refreshDashboard" },
    { caption: "Export evidence…", functionName: "exportEvidence" },
    { caption: "Verify evidence", functionName: "verifyEvidence" },
    null,
    { caption: "Set up secret", functionName: "setUpSecret" },
    { caption: "Rotate secret", functionName: "rotateSecret" },
    { caption: "Revoke previous secret", functionName: "revokePreviousSecret" }
  ];
  function onOpen(platform) {
    platform.ui()?.menu("Teleport", MENU_ITEMS);
  }
  function cellMac(platform) {
    const key = sealingKey(platform, false);
    return key ? rowMac(platform, key) : NO_MAC;
  }
  function selectedRow(platform, ui2, wb) {
    const at = ui2.selection();
    if (!at || at.tab !== SHEET_NAME || at.row < 2) return null;
    const cells2 = wb.tab(SHEET_NAME).range(at.row, 1, 1, COLUMN_COUNT).values()[0] ?? [];
    const meta = openMeta(cells2[COL.version - 1], cellMac(platform));
    return meta && cells2[COL.id - 1] === meta.id && cells2[COL.cluster - 1] === meta.cluster ? meta : null;
  }
  function viewInTeleport(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    const meta = selectedRow(platform, ui2, openSpreadsheet(platform));
    if (!meta) {
      ui2.alert(
        "View in Teleport",
        'Select a request row on the "Access Requests" tab first. A row whose hidden Version cell was edited has no link until the relay next sends its request.'
      );
      return;
    }
    const url = requestLink(webUrls(platform)[meta.cluster] ?? "", meta.id);
    if (!url) {
      ui2.alert(
        "View in Teleport",
        "This request has no link: the relay did not send a valid https address for Teleport."
      );
      return;
    }
    ui2.dialog("view", "View in Teleport", { url, id: meta.id }, { width: 420, height: 140 });
  }
  function refreshFromTeleport(platform) {
    openSpreadsheet(platform);
    const now = platform.now();
    requestRefresh(platform, now);
    platform.ui()?.toast(refreshMessage(liveRelays(relayBook(platform), now), now), "Refresh from Teleport");
  }
  function reformatSheet(platform) {
    const wb = openSpreadsheet(platform);
    const done = platform.withScriptLock(REFORMAT_LOCK_WAIT_MS, () => {
      const mac = rowMac(platform, sealingKey(platform, true));
      if (reformat(wb, mac, webUrls(platform)) === "upgraded") requestRefresh(platform, platform.now());
      reformatHistoryTab(platform, wb);
      refreshDashboard(platform, wb, platform.now(), true);
      wb.flush();
      return true;
    });
    if (!done) platform.ui()?.alert("Reformat", "The sheet is busy receiving updates. Try again in a minute.");
  }
  function versionCells(wb) {
    try {
      const column = wb.tab(SHEET_NAME).range(1, COL.version, null, 1).values().map((row) => row[0]);
      return column[0] === LAYOUT2_HEADERS[COL.version - 1] ? column : [];
    } catch {
      return [];
    }
  }
  function relayStatus(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    const wb = openSpreadsheet(platform);
    const now = platform.now();
    const relays = liveRelays(relayBook(platform), now).map((r) => relayLine(r, now));
    const counts = countStatuses(versionCells(wb), cellMac(platform));
    ui2.dialog(
      "status",
      "Relay status",
      {
        relays,
        silent: relays.filter((r) => r.silent).length,
        counts: Object.entries(counts),
        total: Object.values(counts).reduce((a, b) => a + b, 0)
      },
      { width: 720, height: 460 }
    );
  }

  // appsscript/src/door/reply.ts
  function okReply(applied, stale, resync) {
    return { ok: true, applied, stale, resync };
  }
  function errorReply(error, message) {
    return { ok: false, error, message };
  }
  var BUSY2 = errorReply("busy", "the sheet is busy; retry later");
  var INTERNAL = errorReply("internal", "internal error");
  var STATUS = { ok: true, service: "teleport-sheets", contract: 1 };

  // appsscript/src/menu/secret-menu.ts
  function ownersUi(platform, title) {
    const ui2 = platform.ui();
    if (!ui2) return null;
    const owner = openSpreadsheet(platform).owner();
    const me = platform.effectiveUser();
    if (owner !== null && me !== "" && owner.toLowerCase() === me.toLowerCase()) return ui2;
    ui2.alert(
      title,
      owner === null ? "Only the owner of the spreadsheet can manage the relay secret, and a spreadsheet in a shared drive has no owner. Keep the spreadsheet in its owner’s My Drive." : `Only the owner of this spreadsheet, ${owner}, can manage the relay secret. Ask them to do it.`
    );
    return null;
  }
  function showSecret(ui2, secret, rotated) {
    ui2.dialog("secret", rotated ? "New relay secret" : "Relay secret", { secret, rotated }, { width: 560, height: 440 });
  }
  function setUpSecret(platform) {
    const ui2 = ownersUi(platform, "Set up secret");
    if (!ui2) return;
    if (secrets(platform).current) {
      ui2.alert("Set up secret", 'A secret is already set up. Use "Rotate secret" to replace it.');
      return;
    }
    const secret = newSecret(platform.crypto);
    saveSecrets(platform, { current: secret, previous: null, rotatedAt: null });
    showSecret(ui2, secret, false);
  }
  function rotateSecret(platform) {
    const ui2 = ownersUi(platform, "Rotate secret");
    if (!ui2) return;
    const old = secrets(platform).current;
    const secret = newSecret(platform.crypto);
    const rotatedAt = old ? Math.floor(platform.now() / 1e3) : null;
    saveSecrets(platform, { current: secret, previous: old, rotatedAt });
    showSecret(ui2, secret, old !== null);
  }
  function revokePreviousSecret(platform) {
    const ui2 = ownersUi(platform, "Revoke previous secret");
    if (!ui2) return;
    const kept = secrets(platform);
    const nowSeconds = Math.floor(platform.now() / 1e3);
    if (!kept.current || acceptedKeys(kept, nowSeconds).length < 2) {
      ui2.alert("Revoke previous secret", "There is no previous secret that still works: nothing to revoke.");
      return;
    }
    saveSecrets(platform, { current: kept.current, previous: null, rotatedAt: null });
    ui2.alert(
      "Revoke previous secret",
      "The previous secret no longer works. A relay still signing with it is refused until it has the current one."
    );
  }

  // appsscript/src/rows/row-index.ts
  var RowIndex = class {
    constructor(versionColumn, mac, identity) {
      this.versionColumn = versionColumn;
      this.mac = mac;
      this.claims = /* @__PURE__ */ new Map();
      this.rowsOf = /* @__PURE__ */ new Map();
      this.opened = /* @__PURE__ */ new Map();
      this.byCells = /* @__PURE__ */ new Map();
      let lastUsed = 1;
      versionColumn.forEach((cell2, i) => {
        const row = i + 1;
        if (row === 1) return;
        if (cell2 !== "" && cell2 !== null && cell2 !== void 0) lastUsed = row;
        const claim2 = claimOf(cell2);
        if (!claim2) return;
        this.claims.set(row, claim2);
        const key = requestKey(claim2.cluster, claim2.id);
        this.rowsOf.set(key, [...this.rowsOf.get(key) ?? [], row]);
      });
      if (identity) lastUsed = Math.max(lastUsed, this.indexCells(identity));
      this.lastUsed = lastUsed;
      this.strangers = lastUsed - 1 > this.claims.size;
    }
    /** Rows by what their ID and Cluster cells say; returns the last row with an ID. */
    indexCells(identity) {
      let last = 1;
      identity.ids.forEach((id2, i) => {
        const row = i + 1;
        const cluster = identity.clusters[i];
        if (row === 1 || typeof id2 !== "string" || id2 === "") return;
        last = row;
        if (typeof cluster !== "string") return;
        const key = requestKey(cluster, id2);
        this.byCells.set(key, [...this.byCells.get(key) ?? [], row]);
      });
      return last;
    }
    /** The row's bookkeeping when its cell is sealed by us, else null. */
    meta(row) {
      if (!this.opened.has(row)) {
        this.opened.set(row, this.claims.has(row) ? openMeta(this.versionColumn[row - 1], this.mac) : null);
      }
      return this.opened.get(row);
    }
    claimants(key) {
      return this.rowsOf.get(key) ?? [];
    }
    /** Rows whose ID and Cluster cells say `key` (only known with an Identity). */
    rowsByCells(key) {
      return this.byCells.get(key) ?? [];
    }
    /** The ids one cluster's cells claim, skipping cells that say they are away (nothing to do there). */
    liveIds(cluster) {
      const ids = /* @__PURE__ */ new Set();
      for (const claim2 of this.claims.values()) if (claim2.cluster === cluster && !claim2.away) ids.add(claim2.id);
      return ids;
    }
  };

  // appsscript/src/rows/plan.ts
  var GROW_HEADROOM_ROWS = 2e3;
  var NeedIdentity = class extends Error {
  };
  function markFromKeys(has, cluster, id2) {
    const key = (tail) => has(`${cluster}/${id2}/${tail}`);
    const count2 = (prefix) => {
      let n = 0;
      while (key(`${prefix}/${n + 1}`)) n++;
      return n;
    };
    const gone = count2("gone");
    return {
      requested: key("requested"),
      reviews: count2("review"),
      states: REVIEW_STATES.filter((s) => key(`state/${s}`)),
      gone,
      back: Math.min(gone, count2("back"))
    };
  }
  var Planner = class {
    constructor(input) {
      this.input = input;
      this.current = /* @__PURE__ */ new Map();
      this.assigned = /* @__PURE__ */ new Map();
      this.writes = /* @__PURE__ */ new Map();
      this.events = [];
      this.applied = 0;
      this.stale = 0;
      this.index = new RowIndex(input.versionColumn, input.mac, input.identity);
      this.nextRow = this.index.lastUsed + 1;
    }
    get cluster() {
      return this.input.batch.cluster;
    }
    /** Every op but a stale upsert counts as applied, whether or not it changes a row. */
    apply(op2) {
      if (op2.op === "upsert" && !this.upsert(op2)) {
        this.stale++;
        return;
      }
      if (op2.op === "delete") this.away(op2.id);
      if (op2.op === "sync") this.sync(op2.ids);
      this.applied++;
    }
    metaAt(row) {
      return this.current.get(row) ?? this.index.meta(row);
    }
    /** The row of ours for `id`, sealed cells only (delete and sync never act on a cell they cannot trust). */
    sealedRow(id2) {
      const key = requestKey(this.cluster, id2);
      const rows = this.assigned.has(key) ? [this.assigned.get(key)] : this.index.claimants(key);
      for (const row of rows) {
        const meta = this.metaAt(row);
        if (meta && meta.id === id2 && meta.cluster === this.cluster) return { row, meta };
      }
      return null;
    }
    /**
     * Where an upsert goes. One sealed claimant: that row. None and no doubt: a new row. Otherwise
     * the ID and Cluster cells decide: a sealed row they confirm, else a row they name whose cell is
     * not sealed for another request (it is re-adopted), else a new row.
     */
    locate(id2) {
      const key = requestKey(this.cluster, id2);
      if (this.assigned.has(key)) return { row: this.assigned.get(key), meta: this.metaAt(this.assigned.get(key)) };
      const claimants = this.index.claimants(key);
      const sealed = claimants.filter((row) => this.isSealedFor(row, key));
      if (sealed.length === 1) return { row: sealed[0], meta: this.metaAt(sealed[0]) };
      if (claimants.length === 0 && !this.index.strangers) return null;
      if (!this.input.identity) throw new NeedIdentity();
      const named = this.index.rowsByCells(key);
      const confirmed = sealed.find((row) => named.includes(row)) ?? sealed[0];
      if (confirmed !== void 0) return { row: confirmed, meta: this.metaAt(confirmed) };
      const adoptable = named.find((row) => this.metaAt(row) === null && !this.current.has(row));
      return adoptable === void 0 ? null : { row: adoptable, meta: null };
    }
    isSealedFor(row, key) {
      const meta = this.metaAt(row);
      return meta !== null && requestKey(meta.cluster, meta.id) === key;
    }
    /** False when the row is newer than the upsert (contract §5). */
    upsert(op2) {
      const { request: request2 } = op2;
      const found = this.locate(request2.id);
      const current = found?.meta ?? null;
      if (current && compareVersions(versionOf(request2), [current.rank, current.reviews]) < 0) return false;
      const mark = current?.history ?? this.pastOf(request2.id);
      const resolved = nextResolvedMark(current?.resolved ?? null, request2.state, this.input.now);
      const decision = decisionOf(request2, request2.state, resolved);
      const step = historyStep(mark, { kind: "upsert", request: request2, decision }, this.cluster, this.input.now);
      const next = this.rendered(request2, decision, resolved, step.mark);
      if (current && step.events.length === 0 && !isGone(current) && current.hash === next.meta.hash) return true;
      this.events.push(...step.events);
      const row = found?.row ?? this.nextRow++;
      this.assigned.set(requestKey(this.cluster, request2.id), row);
      this.current.set(row, next.meta);
      this.writes.set(row, next);
      return true;
    }
    /** A row first seen (or re-adopted) starts from what the History holds, when that was read. */
    pastOf(id2) {
      const keys = this.input.identity?.historyKeys;
      return keys ? markFromKeys((k) => keys.has(k), this.cluster, id2) : emptyHistoryMark();
    }
    rendered(request2, decision, resolved, history) {
      const { batch: batch2, now } = this.input;
      const url = requestLink(batch2.webUrl, request2.id) ?? "";
      const cells2 = renderRow(request2, {
        cluster: batch2.cluster,
        status: request2.state,
        updated: now,
        version: "",
        hasLink: url !== "",
        decision
      });
      const shown = cells2.slice(0, COL.updated - 1).map((c) => c instanceof Date ? c.toISOString() : String(c));
      const [rank, reviews] = versionOf(request2);
      const meta = {
        id: request2.id,
        cluster: batch2.cluster,
        state: request2.state,
        rank,
        reviews,
        hash: contentHash([...shown, url]),
        resolved,
        history,
        user: request2.user,
        roles: rolesText(request2.roles)
      };
      return { meta, cells: cells2 };
    }
    away(id2) {
      const found = this.sealedRow(id2);
      if (!found || isGone(found.meta)) return;
      const { row, meta: current } = found;
      const status = current.state === "PENDING" ? "EXPIRED" : current.state;
      const person = { id: current.id, user: current.user, roles: current.roles };
      const step = historyStep(current.history, { kind: "away", row: person, status }, this.cluster, this.input.now);
      this.events.push(...step.events);
      const meta = { ...current, history: step.mark };
      this.current.set(row, meta);
      this.writes.set(row, { meta, cells: this.writes.get(row)?.cells ?? null });
    }
    sync(ids) {
      const keep = new Set(ids);
      const live = this.index.liveIds(this.cluster);
      for (const [key, row] of this.assigned) {
        const meta = this.current.get(row);
        if (meta && requestKey(meta.cluster, meta.id) === key && meta.cluster === this.cluster) live.add(meta.id);
      }
      for (const id2 of live) if (!keep.has(id2)) this.away(id2);
    }
    finish() {
      let span = null;
      for (const row of this.writes.keys()) {
        span = span ? { first: Math.min(span.first, row), last: Math.max(span.last, row) } : { first: row, last: row };
      }
      let needsRead = false;
      for (let row = span?.first ?? 1; span && row <= span.last && !needsRead; row++) {
        needsRead = this.writes.get(row)?.cells == null;
      }
      const gridRows = this.input.versionColumn.length;
      const growBy = span && span.last > gridRows ? span.last - gridRows + GROW_HEADROOM_ROWS : 0;
      const { webUrls: webUrls2 } = this.input;
      return {
        applied: this.applied,
        stale: this.stale,
        writes: this.writes,
        events: this.events,
        metaAt: (row) => this.metaAt(row),
        linkOf: (meta) => requestLink(webUrls2[meta.cluster] ?? "", meta.id) ?? "",
        gridRows,
        growBy,
        span,
        needsRead
      };
    }
  };
  function planBatch(input) {
    const planner = new Planner(input);
    try {
      for (const op2 of input.batch.ops) planner.apply(op2);
    } catch (err) {
      if (err instanceof NeedIdentity) return { ok: false, needsIdentity: true };
      throw err;
    }
    return { ok: true, plan: planner.finish() };
  }

  // appsscript/src/tabs/apply-batch.ts
  function plan(platform, wb, input) {
    const first = planBatch({ ...input, identity: null });
    if (first.ok) return first.plan;
    const identity = { ...readIdentityCells(wb), historyKeys: historyKeys(platform, wb) };
    const second = planBatch({ ...input, identity });
    if (!second.ok) throw new Error("a plan with the identity cells needs nothing more");
    return second.plan;
  }
  function applyRows(platform, wb, batch2, now, onUpgrade) {
    const versionColumn = readVersionColumn(wb, onUpgrade);
    const mac = rowMac(platform, sealingKey(platform, true));
    rememberWebUrl(platform, batch2.cluster, batch2.webUrl);
    const planned = plan(platform, wb, { versionColumn, batch: batch2, now, mac, webUrls: webUrls(platform) });
    appendHistory(platform, wb, planned.events);
    applyPlan(wb, planned, now, mac);
    return { applied: planned.applied, stale: planned.stale };
  }

  // proto/op-rules.ts
  var MAX_ID_CHARS = 256;
  var ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
  var CONTRACT_YEAR = /^(19[7-9]\d|[2-9]\d{3})-/;
  var Invalid = class extends Error {
  };
  function object(value, path) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new Invalid(`${path} must be an object`);
    return value;
  }
  function string(o, key, path) {
    const value = o[key];
    if (typeof value !== "string") throw new Invalid(`${path}.${key} must be a string`);
    return value;
  }
  function id(value, path) {
    if (typeof value !== "string" || value === "" || value.length > MAX_ID_CHARS) {
      throw new Invalid(`${path} must be a non-empty string of at most ${MAX_ID_CHARS} characters`);
    }
    return value;
  }
  function isContractTime(value) {
    return typeof value === "string" && ISO_TIME.test(value) && CONTRACT_YEAR.test(value) && !isNaN(Date.parse(value));
  }
  function time(value, path) {
    if (!isContractTime(value)) throw new Invalid(`${path} must be an ISO time from 1970 to 9999`);
    return value;
  }
  function timeOrNull(o, key, path) {
    return o[key] === null ? null : time(o[key], `${path}.${key}`);
  }
  function optionalTimes(o, keys, path) {
    const out = {};
    for (const key of keys) if (o[key] !== void 0) out[key] = timeOrNull(o, key, path);
    return out;
  }
  function list(value, path, item) {
    if (!Array.isArray(value)) throw new Invalid(`${path} must be an array`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  }
  function text4(value, path) {
    if (typeof value !== "string") throw new Invalid(`${path} must be a string`);
    return value;
  }
  function oneOf(value, allowed, path) {
    if (typeof value !== "string" || !allowed.includes(value)) {
      throw new Invalid(`${path} must be one of ${allowed.join(", ")}`);
    }
    return value;
  }
  function resource(value, path) {
    const o = object(value, path);
    return {
      cluster: string(o, "cluster", path),
      kind: string(o, "kind", path),
      name: string(o, "name", path),
      subResource: string(o, "subResource", path)
    };
  }
  function review(value, path) {
    const o = object(value, path);
    return {
      author: string(o, "author", path),
      state: oneOf(o.state, REVIEW_STATES, `${path}.state`),
      reason: string(o, "reason", path),
      created: time(o.created, `${path}.created`)
    };
  }
  function request(value, path) {
    const o = object(value, path);
    return {
      id: id(o.id, `${path}.id`),
      user: string(o, "user", path),
      roles: list(o.roles, `${path}.roles`, text4),
      resources: list(o.resources, `${path}.resources`, resource),
      state: oneOf(o.state, REQUEST_STATES, `${path}.state`),
      reason: string(o, "reason", path),
      resolveReason: string(o, "resolveReason", path),
      created: time(o.created, `${path}.created`),
      requestExpires: timeOrNull(o, "requestExpires", path),
      accessExpires: timeOrNull(o, "accessExpires", path),
      suggestedReviewers: list(o.suggestedReviewers, `${path}.suggestedReviewers`, text4),
      reviews: list(o.reviews, `${path}.reviews`, review),
      promotedTo: o.promotedTo === null ? null : string(o, "promotedTo", path),
      ...optionalTimes(o, ["assumeStart", "maxDuration"], path)
    };
  }
  function stats(value, path) {
    const o = object(value, path);
    const out = {};
    for (const [key, n] of Object.entries(o)) {
      if (typeof n !== "number" || !isFinite(n)) throw new Invalid(`${path} values must be finite numbers`);
      out[key] = n;
    }
    return out;
  }
  function op(value, path) {
    const o = object(value, path);
    switch (o.op) {
      case "upsert":
        return { op: "upsert", request: request(o.request, `${path}.request`) };
      case "delete":
        return { op: "delete", id: id(o.id, `${path}.id`) };
      case "sync":
        return { op: "sync", ids: list(o.ids, `${path}.ids`, id) };
      case "heartbeat": {
        const at = time(o.at, `${path}.at`);
        return o.stats === void 0 ? { op: "heartbeat", at } : { op: "heartbeat", at, stats: stats(o.stats, `${path}.stats`) };
      }
      default:
        throw new Invalid(`${path}.op must be upsert, delete, sync or heartbeat`);
    }
  }

  // appsscript/src/door/parse.ts
  var MAX_NAME_CHARS2 = 1024;
  function batch(value) {
    const o = object(value, "body");
    if (o.v !== CONTRACT_VERSION) throw new Invalid(`body.v must be ${CONTRACT_VERSION}`);
    const cluster = string(o, "cluster", "body");
    const webUrl = string(o, "webUrl", "body");
    if (cluster === "" || cluster.length > MAX_NAME_CHARS2)
      throw new Invalid(`body.cluster must be 1 to ${MAX_NAME_CHARS2} characters`);
    if (webUrl.length > MAX_NAME_CHARS2) throw new Invalid(`body.webUrl must be at most ${MAX_NAME_CHARS2} characters`);
    if (!Array.isArray(o.ops) || o.ops.length > MAX_OPS_PER_BATCH) {
      throw new Invalid(`body.ops must be an array of at most ${MAX_OPS_PER_BATCH} ops`);
    }
    return {
      v: CONTRACT_VERSION,
      cluster,
      webUrl,
      relay: string(o, "relay", "body"),
      ops: o.ops.map((v, i) => op(v, `ops[${i}]`))
    };
  }
  function parseBatch(body) {
    let value;
    try {
      value = JSON.parse(body);
    } catch {
      return { ok: false, message: "body is not valid JSON" };
    }
    try {
      return { ok: true, batch: batch(value) };
    } catch (e) {
      if (e instanceof Invalid) return { ok: false, message: e.message };
      throw e;
    }
  }

  // appsscript/src/door/webapp.ts
  var LOCK_WAIT_MS2 = 1e4;
  function bestEffort(what, fn, fallback) {
    try {
      return fn();
    } catch (err) {
      console.warn(`could not ${what}: ` + (err instanceof Error ? err.message : "unknown"));
      return fallback;
    }
  }
  function applyBatch(platform, batch2, now) {
    let counts = { applied: batch2.ops.length, stale: 0 };
    let upgraded = false;
    let wb = null;
    if (batch2.ops.some((op2) => op2.op !== "heartbeat")) {
      wb = platform.spreadsheet(spreadsheetId(platform));
      const onUpgrade = () => {
        upgraded = true;
        bestEffort("ask every relay to re-list", () => requestRefresh(platform, now), void 0);
      };
      counts = applyRows(platform, wb, batch2, new Date(now), onUpgrade);
      wb.flush();
    }
    const heartbeats = batch2.ops.filter((op2) => op2.op === "heartbeat");
    const heartbeat = heartbeats[heartbeats.length - 1] ?? null;
    const contact = { relay: batch2.relay, cluster: batch2.cluster, now, heartbeat };
    const resync = bestEffort("record the relay contact", () => recordContact(platform, contact), false);
    const open = () => wb ?? platform.spreadsheet(spreadsheetId(platform));
    bestEffort("refresh the dashboard", () => refreshIfDue(platform, open, now), void 0);
    return okReply(counts.applied, counts.stale, resync || upgraded);
  }
  function lockedApply(platform, signed, parsed) {
    const now = platform.now();
    const nonce = claimNonce(platform, signed.ts, signed.nonce, Math.floor(now / 1e3));
    if (nonce === "replayed") return errorReply("replayed", "nonce already used");
    if (nonce === "busy") return errorReply("busy", "the replay record is being rebuilt; retry later");
    if (!parsed.ok) return errorReply("bad_request", parsed.message);
    return applyBatch(platform, parsed.batch, now);
  }
  function verifiedApply(e, platform) {
    const now = platform.now();
    const verdict = verify(
      { body: e?.postData?.contents, ts: e?.parameter?.ts, nonce: e?.parameter?.nonce, sig: e?.parameter?.sig },
      {
        nowSeconds: () => Math.floor(now / 1e3),
        secrets: () => secrets(platform),
        hmacHex: (key, message) => platform.crypto.hmacSha256Hex(key, message)
      }
    );
    if (!verdict.ok) return errorReply(verdict.error, verdict.message);
    const parsed = parseBatch(verdict.body);
    return platform.withScriptLock(LOCK_WAIT_MS2, () => lockedApply(platform, verdict, parsed)) ?? BUSY2;
  }
  function handle(e, platform) {
    try {
      return verifiedApply(e, platform);
    } catch (err) {
      console.error("doPost failed: " + (err instanceof Error ? `${err.name}: ${err.message}` : "unknown"));
      return INTERNAL;
    }
  }

  // appsscript/src/main.ts
  var doPost = (e) => jsonOutput(handle(e, appsScript()));
  var doGet = () => jsonOutput(STATUS);
  var onOpen2 = () => onOpen(appsScript());
  var viewInTeleport2 = () => viewInTeleport(appsScript());
  var refreshFromTeleport2 = () => refreshFromTeleport(appsScript());
  var reformatSheet2 = () => reformatSheet(appsScript());
  var relayStatus2 = () => relayStatus(appsScript());
  var setUpSecret2 = () => setUpSecret(appsScript());
  var rotateSecret2 = () => rotateSecret(appsScript());
  var revokePreviousSecret2 = () => revokePreviousSecret(appsScript());
  var refreshDashboard2 = () => refreshDashboardNow(appsScript());
  var exportEvidence2 = () => exportEvidence(appsScript());
  var verifyEvidence2 = () => verifyEvidenceTab(appsScript());
  return __toCommonJS(main_exports);
})();
function doGet() { return TeleportSheets.doGet.apply(this, arguments); }
function doPost() { return TeleportSheets.doPost.apply(this, arguments); }
function exportEvidence() { return TeleportSheets.exportEvidence.apply(this, arguments); }
function onOpen() { return TeleportSheets.onOpen.apply(this, arguments); }
function reformatSheet() { return TeleportSheets.reformatSheet.apply(this, arguments); }
function refreshDashboard() { return TeleportSheets.refreshDashboard.apply(this, arguments); }
function refreshFromTeleport() { return TeleportSheets.refreshFromTeleport.apply(this, arguments); }
function relayStatus() { return TeleportSheets.relayStatus.apply(this, arguments); }
function revokePreviousSecret() { return TeleportSheets.revokePreviousSecret.apply(this, arguments); }
function rotateSecret() { return TeleportSheets.rotateSecret.apply(this, arguments); }
function setUpSecret() { return TeleportSheets.setUpSecret.apply(this, arguments); }
function verifyEvidence() { return TeleportSheets.verifyEvidence.apply(this, arguments); }
function viewInTeleport() { return TeleportSheets.viewInTeleport.apply(this, arguments); }
