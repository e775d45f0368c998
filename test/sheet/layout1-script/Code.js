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

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/main.ts
  var main_exports = {};
  __export(main_exports, {
    doGet: () => doGet,
    doPost: () => doPost,
    onOpen: () => onOpen2,
    reformatSheet: () => reformatSheet2,
    refreshFromTeleport: () => refreshFromTeleport2,
    relayStatus: () => relayStatus2,
    rotateSecret: () => rotateSecret2,
    setUpSecret: () => setUpSecret2,
    viewInTeleport: () => viewInTeleport2
  });

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/gas/services.ts
  function properties(open) {
    return {
      get: (key) => open().getProperty(key),
      all: () => open().getProperties(),
      set: (key, value) => void open().setProperty(key, value),
      delete: (key) => void open().deleteProperty(key)
    };
  }
  var scriptProperties = properties(() => PropertiesService.getScriptProperties());
  var scriptCache = {
    get: (key) => CacheService.getScriptCache().get(key),
    put: (key, value, ttlSeconds) => CacheService.getScriptCache().put(key, value, ttlSeconds),
    remove: (key) => CacheService.getScriptCache().remove(key)
  };
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
    sha256Hex: (text2) => hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text2, Utilities.Charset.UTF_8)),
    uuid: () => Utilities.getUuid()
  };

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/gas/spreadsheet.ts
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
      sort: (column, ascending) => void range.sort({ column, ascending })
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
      this.lastRow = () => this.found.getLastRow();
      this.lastColumn = () => this.found.getLastColumn();
      this.insertRowsAfter = (row, count) => void this.found.insertRowsAfter(row, count);
      this.insertColumnsAfter = (column, count) => void this.found.insertColumnsAfter(column, count);
      this.setColumnWidth = (column, width) => void this.found.setColumnWidth(column, width);
      this.hideColumn = (column) => void this.found.hideColumns(column);
      this.freezeRows = (count) => void this.found.setFrozenRows(count);
      this.formatRules = () => this.found.getConditionalFormatRules().map(readRule);
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
      return cells(this.ss.getRange(`'${this.name.replace(/'/g, "''")}'!${area}`));
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
  };
  function workbook(ss) {
    return {
      id: () => ss.getId(),
      tab: (name) => new SheetTab(ss, name),
      flush: () => SpreadsheetApp.flush()
    };
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/gas/ui.ts
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
      selection() {
        const range = SpreadsheetApp.getActiveSpreadsheet()?.getActiveRange();
        return range ? { tab: range.getSheet().getName(), row: range.getRow() } : null;
      }
    };
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/gas/apps-script.ts
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
      withScriptLock,
      crypto,
      ui
    };
  }
  function jsonOutput(value) {
    return ContentService.createTextOutput(JSON.stringify(value)).setMimeType(ContentService.MimeType.JSON);
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/proto/contract.ts
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

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/columns.ts
  var HEADERS = [
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
  var COLUMN_COUNT = HEADERS.length;
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
    reviewers: 11,
    requestExpires: 12,
    accessExpires: 13,
    cluster: 14,
    updated: 15,
    version: 16
  };
  var LINK_LABEL = "View in Teleport";
  var DATE_COLUMNS = [COL.created, COL.requestExpires, COL.accessExpires, COL.updated];
  var DATE_FORMAT = "yyyy-mm-dd hh:mm";
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
    180,
    130,
    130,
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

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/render.ts
  var MAX_TEXT_CHARS = MAX_CELL_CHARS - 1;
  function truncate(text2) {
    if (text2.length <= MAX_TEXT_CHARS) return text2;
    let cut = MAX_TEXT_CHARS - TRUNCATION_MARKER.length;
    const last = text2.charCodeAt(cut - 1);
    if (last >= 55296 && last <= 56319) cut -= 1;
    return text2.slice(0, cut) + TRUNCATION_MARKER;
  }
  function literal(text2) {
    return text2 === "" ? "" : "'" + truncate(text2);
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
  function renderRow(request2, ctx) {
    const cells2 = new Array(COLUMN_COUNT).fill("");
    const set = (col, cell) => {
      cells2[col - 1] = cell;
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
    set(COL.reviewers, literal(request2.suggestedReviewers.join(", ")));
    set(COL.requestExpires, dateCell(request2.requestExpires));
    set(COL.accessExpires, dateCell(request2.accessExpires));
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

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/rowmeta.ts
  function statusOf(meta) {
    return meta.gone && meta.state === "PENDING" ? "EXPIRED" : meta.state;
  }
  function encodeMeta(meta) {
    return JSON.stringify({
      i: meta.id,
      c: meta.cluster,
      s: meta.state,
      r: meta.rank,
      n: meta.reviews,
      u: meta.url,
      h: meta.hash,
      ...meta.gone ? { g: 1 } : {}
    });
  }
  function decodeMeta(cell) {
    if (typeof cell !== "string" || !cell.startsWith("{")) return null;
    let raw;
    try {
      raw = JSON.parse(cell);
    } catch {
      return null;
    }
    if (typeof raw !== "object" || raw === null) return null;
    const o = raw;
    const ok = typeof o.i === "string" && o.i !== "" && typeof o.c === "string" && typeof o.s === "string" && REQUEST_STATES.includes(o.s) && Number.isInteger(o.r) && Number.isInteger(o.n) && typeof o.u === "string" && typeof o.h === "string";
    if (!ok) return null;
    return {
      id: o.i,
      cluster: o.c,
      state: o.s,
      rank: o.r,
      reviews: o.n,
      url: o.u,
      hash: o.h,
      gone: o.g === 1
    };
  }
  function contentHash(parts) {
    const text2 = parts.join("\0");
    let a = 2166136261;
    let b = 16777619 ^ 1540483477;
    for (let i = 0; i < text2.length; i++) {
      const c = text2.charCodeAt(i);
      a = Math.imul(a ^ c, 16777619);
      b = Math.imul(b ^ c, 16777619) ^ b >>> 15;
    }
    return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/compose.ts
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
  function composeBlock(plan, spanValues, now) {
    if (!plan.span) return null;
    const { first, last } = plan.span;
    const values = [];
    const links = [];
    for (let row = first; row <= last; row++) {
      const write = plan.writes.get(row);
      if (write === "header") {
        values.push(HEADERS.map((h) => literal(h)));
        links.push({ text: HEADERS[COL.link - 1], url: "" });
        continue;
      }
      const cells2 = write?.cells ? write.cells.slice() : existing(spanValues, row - first);
      if (write) {
        cells2[COL.status - 1] = literal(statusOf(write.meta));
        cells2[COL.updated - 1] = now;
        cells2[COL.version - 1] = literal(encodeMeta(write.meta));
      }
      const meta = plan.metas.get(row);
      const shown = cells2[COL.link - 1];
      links.push(
        meta ? { text: meta.url !== "" ? LINK_LABEL : "", url: meta.url } : { text: typeof shown === "string" ? shown.replace(/^'/, "") : String(shown ?? ""), url: "" }
      );
      values.push(cells2);
    }
    return { first, values, links };
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/layout.ts
  var PROTECTION_NOTE = "Kept by the Teleport relay: edits here are overwritten. Review requests in Teleport.";
  function statusRules() {
    return Object.entries(STATUS_COLOURS).map(([text2, background]) => ({
      text: text2,
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
  function relinks(versionCells) {
    return versionCells.map((cell) => {
      const meta = decodeMeta(cell);
      if (!meta) return null;
      return { text: meta.url === "" ? "" : LINK_LABEL, url: meta.url };
    });
  }
  function columnInsertions(gridColumns) {
    return gridColumns < COLUMN_COUNT ? [{ after: gridColumns, count: COLUMN_COUNT - gridColumns }] : [];
  }
  function sortArea(lastRow, lastColumn) {
    return lastRow > 2 ? { rows: lastRow - 1, columns: Math.max(COLUMN_COUNT, lastColumn) } : null;
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/requests-tab.ts
  function layout(tab) {
    const header = tab.range(1, 1, 1, COLUMN_COUNT);
    header.setValues([HEADERS.map((h) => literal(h))]);
    header.setBold();
    tab.freezeRows(1);
    COLUMN_WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
    for (const col of DATE_COLUMNS) tab.range(2, col, null, 1).setNumberFormat(DATE_FORMAT);
    tab.hideColumn(COL.version);
    tab.setFormatRules(
      tab.formatRules().filter((rule) => !isStatusRule(rule)),
      statusRules()
    );
    tab.protect({ warningOnly: true, description: PROTECTION_NOTE });
  }
  function ensureTab(wb) {
    const tab = wb.tab(SHEET_NAME);
    if (tab.exists()) {
      for (const { after, count } of columnInsertions(tab.gridColumns())) tab.insertColumnsAfter(after, count);
      return tab;
    }
    tab.create();
    layout(tab);
    return tab;
  }
  function readVersionColumn(wb) {
    let values;
    try {
      values = wb.tab(SHEET_NAME).range(1, COL.version, null, 1).values();
    } catch {
      values = ensureTab(wb).range(1, COL.version, null, 1).values();
    }
    return values.map((row) => row[0]);
  }
  function applyPlan(wb, plan, now) {
    if (!plan.span) return;
    const { first, last } = plan.span;
    const tab = wb.tab(SHEET_NAME);
    if (plan.growBy > 0) tab.insertRowsAfter(plan.gridRows, plan.growBy);
    const rows = last - first + 1;
    const range = tab.range(first, 1, rows, COLUMN_COUNT);
    const block = composeBlock(plan, plan.needsRead ? range.values() : null, now);
    range.setValues(block.values);
    tab.range(first, COL.link, rows, 1).setLinks(block.links);
  }
  function reformat(wb) {
    const tab = ensureTab(wb);
    layout(tab);
    const area = sortArea(tab.lastRow(), tab.lastColumn());
    if (area) tab.range(2, 1, area.rows, area.columns).sort(COL.created, false);
    const last = tab.lastRow();
    if (last < 2) return;
    const links = relinks(
      tab.range(2, COL.version, last - 1, 1).values().map((row) => row[0])
    );
    tab.range(2, COL.link, last - 1, 1).setLinks(links);
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/status.ts
  var SILENCE_WARNING_MS = 2 * 60 * 1e3;
  var NO_RELAY = { relay: "", contactAt: null, heartbeatAt: null, stats: {} };
  function describeAge(ms) {
    const s = Math.max(0, Math.round(ms / 1e3));
    if (s < 60) return `${s} s ago`;
    if (s < 3600) return `${Math.floor(s / 60)} min ago`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min ago`;
    return `${Math.floor(s / 86400)} days ago`;
  }
  function contactSummary(contactAt, now) {
    if (contactAt === null) return { text: "The relay has never contacted this sheet.", silent: true };
    const age = now - contactAt;
    if (age > SILENCE_WARNING_MS) {
      const text2 = `Warning: the relay has been silent for over 2 minutes (last heard from ${describeAge(age)}).`;
      return { text: `${text2} Check that it is running.`, silent: true };
    }
    return { text: `The relay was last heard from ${describeAge(age)}.`, silent: false };
  }
  function refreshMessage(contactAt, now) {
    const { text: text2, silent } = contactSummary(contactAt, now);
    const next = silent ? "The refresh will happen when the relay next delivers." : "It will re-send every request with its next delivery.";
    return `${text2} ${next}`;
  }
  function countStatuses(versionColumn) {
    const counts = Object.fromEntries([...REQUEST_STATES, "EXPIRED"].map((s) => [s, 0]));
    versionColumn.forEach((cell, i) => {
      const meta = i === 0 ? null : decodeMeta(cell);
      if (meta) counts[statusOf(meta)]++;
    });
    return counts;
  }
  function parseRelayRecord(json) {
    if (!json) return NO_RELAY;
    try {
      const o = JSON.parse(json);
      return {
        relay: typeof o.relay === "string" ? o.relay : "",
        contactAt: typeof o.contactAt === "number" ? o.contactAt : null,
        heartbeatAt: typeof o.heartbeatAt === "string" ? o.heartbeatAt : null,
        stats: typeof o.stats === "object" && o.stats !== null ? o.stats : {}
      };
    } catch {
      return NO_RELAY;
    }
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/state.ts
  var PROP = {
    secrets: "teleport.secrets",
    spreadsheetId: "teleport.spreadsheetId",
    resync: "teleport.resync",
    relay: "teleport.relay"
  };
  var CACHE = {
    config: "teleport.config",
    resync: "teleport.resync",
    contact: "teleport.contact",
    contactSaved: "teleport.contactSaved"
  };
  var CACHE_TTL_SECONDS = 21600;
  var CONTACT_SAVE_INTERVAL_MS = 5 * 60 * 1e3;
  var MAX_RECORD_CHARS = 8e3;
  var MAX_RELAY_CHARS = 200;
  function parseSecrets(json) {
    const none = { current: null, previous: null, rotatedAt: null };
    if (!json) return none;
    try {
      const o = JSON.parse(json);
      return {
        current: typeof o.current === "string" ? o.current : null,
        previous: typeof o.previous === "string" ? o.previous : null,
        rotatedAt: typeof o.rotatedAt === "number" ? o.rotatedAt : null
      };
    } catch {
      return none;
    }
  }
  function config({ scriptProperties: scriptProperties2, scriptCache: scriptCache2 }) {
    const cached = scriptCache2.get(CACHE.config);
    if (cached) return JSON.parse(cached);
    const all = scriptProperties2.all();
    const fresh = { secrets: parseSecrets(all[PROP.secrets]), spreadsheetId: all[PROP.spreadsheetId] ?? null };
    scriptCache2.put(CACHE.config, JSON.stringify(fresh), CACHE_TTL_SECONDS);
    return fresh;
  }
  function secrets(p) {
    return config(p).secrets;
  }
  function spreadsheetId(p) {
    return config(p).spreadsheetId;
  }
  function saveSecrets(p, next) {
    p.scriptProperties.set(PROP.secrets, JSON.stringify(next));
    p.scriptCache.remove(CACHE.config);
  }
  function newSecret(crypto2) {
    return crypto2.sha256Hex(crypto2.uuid() + crypto2.uuid() + crypto2.uuid());
  }
  function rememberSpreadsheetId(p, id2) {
    if (p.scriptProperties.get(PROP.spreadsheetId) === id2) return;
    p.scriptProperties.set(PROP.spreadsheetId, id2);
    p.scriptCache.remove(CACHE.config);
  }
  function nonceSeen({ scriptCache: scriptCache2 }, nonce) {
    const key = `teleport.nonce.${nonce}`;
    if (scriptCache2.get(key) !== null) return true;
    scriptCache2.put(key, "1", NONCE_TTL_SECONDS);
    return false;
  }
  function requestResync(p) {
    p.scriptProperties.set(PROP.resync, "1");
    p.scriptCache.put(CACHE.resync, "1", CACHE_TTL_SECONDS);
  }
  function takeResync({ scriptProperties: scriptProperties2, scriptCache: scriptCache2 }) {
    const cached = scriptCache2.get(CACHE.resync);
    if (cached === "0") return false;
    const set = cached === "1" || cached === null && scriptProperties2.get(PROP.resync) === "1";
    scriptCache2.put(CACHE.resync, "0", CACHE_TTL_SECONDS);
    if (!set) return false;
    try {
      scriptProperties2.delete(PROP.resync);
    } catch {
    }
    return true;
  }
  function relayRecord({ scriptProperties: scriptProperties2, scriptCache: scriptCache2 }) {
    const stored = parseRelayRecord(scriptProperties2.get(PROP.relay));
    const cached = Number(scriptCache2.get(CACHE.contact));
    const contactAt = cached > (stored.contactAt ?? 0) ? cached : stored.contactAt;
    return { ...stored, contactAt };
  }
  function recordContact({ scriptProperties: scriptProperties2, scriptCache: scriptCache2 }, now, relay, heartbeat) {
    scriptCache2.put(CACHE.contact, String(now), CACHE_TTL_SECONDS);
    relay = relay.slice(0, MAX_RELAY_CHARS);
    const saved = Number(scriptCache2.get(CACHE.contactSaved) ?? 0);
    if (!heartbeat && now - saved < CONTACT_SAVE_INTERVAL_MS) return;
    const previous = heartbeat ? NO_RELAY : parseRelayRecord(scriptProperties2.get(PROP.relay));
    const record = heartbeat ? { relay, contactAt: now, heartbeatAt: heartbeat.at, stats: heartbeat.stats ?? {} } : { ...previous, relay, contactAt: now };
    let json = JSON.stringify(record);
    if (json.length > MAX_RECORD_CHARS) json = JSON.stringify({ ...record, stats: {} });
    scriptProperties2.set(PROP.relay, json);
    scriptCache2.put(CACHE.contactSaved, String(now), CACHE_TTL_SECONDS);
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/menu.ts
  var REFORMAT_LOCK_WAIT_MS = 3e4;
  var MENU_ITEMS = [
    { caption: "View in Teleport", functionName: "viewInTeleport" },
    { caption: "Refresh from Teleport", functionName: "refreshFromTeleport" },
    null,
    { caption: "Reformat", functionName: "reformatSheet" },
    { caption: "Relay status", functionName: "relayStatus" },
    null,
    { caption: "Set up secret", functionName: "setUpSecret" },
    { caption: "Rotate secret", functionName: "rotateSecret" }
  ];
  function onOpen(platform) {
    platform.ui()?.menu("Teleport", MENU_ITEMS);
  }
  function remember(platform) {
    const active = platform.activeSpreadsheet();
    if (!active) return platform.spreadsheet(spreadsheetId(platform));
    rememberSpreadsheetId(platform, active.id());
    return active;
  }
  function selectedVersionCell(ui2, wb) {
    const at = ui2.selection();
    if (!at || at.tab !== SHEET_NAME || at.row < 2) return void 0;
    return wb.tab(SHEET_NAME).range(at.row, COL.version, 1, 1).values()[0]?.[0];
  }
  function viewInTeleport(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    const meta = decodeMeta(selectedVersionCell(ui2, remember(platform)));
    if (!meta) {
      ui2.alert("View in Teleport", 'Select a request row on the "Access Requests" tab first.');
      return;
    }
    if (meta.url === "") {
      ui2.alert(
        "View in Teleport",
        "This request has no link: the relay did not send a valid https address for Teleport."
      );
      return;
    }
    if (!isHttpsBaseUrl(meta.url)) {
      ui2.alert("View in Teleport", "The hidden Version cell of this row was edited, so its link cannot be trusted.");
      return;
    }
    ui2.dialog("view", "View in Teleport", { url: meta.url, id: meta.id }, { width: 420, height: 140 });
  }
  function refreshFromTeleport(platform) {
    remember(platform);
    requestResync(platform);
    const message = refreshMessage(relayRecord(platform).contactAt, platform.now());
    platform.ui()?.toast(message, "Refresh from Teleport");
  }
  function reformatSheet(platform) {
    const wb = remember(platform);
    const done = platform.withScriptLock(REFORMAT_LOCK_WAIT_MS, () => {
      reformat(wb);
      wb.flush();
      return true;
    });
    if (!done) platform.ui()?.alert("Reformat", "The sheet is busy receiving updates. Try again in a minute.");
  }
  function relayStatus(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    const wb = remember(platform);
    const record = relayRecord(platform);
    const now = platform.now();
    const counts = countStatuses(readVersionColumn(wb));
    const contact = contactSummary(record.contactAt, now);
    ui2.dialog(
      "status",
      "Relay status",
      {
        contact: contact.text,
        silent: contact.silent,
        relay: record.relay === "" ? "unknown" : record.relay,
        heartbeat: record.heartbeatAt ? `${record.heartbeatAt} (${describeAge(now - Date.parse(record.heartbeatAt))})` : "none yet",
        stats: Object.entries(record.stats),
        counts: Object.entries(counts),
        total: Object.values(counts).reduce((a, b) => a + b, 0)
      },
      { width: 480, height: 420 }
    );
  }
  function showSecret(ui2, secret, rotated) {
    ui2.dialog("secret", rotated ? "New relay secret" : "Relay secret", { secret, rotated }, { width: 560, height: 420 });
  }
  function setUpSecret(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    remember(platform);
    if (secrets(platform).current) {
      ui2.alert("Set up secret", 'A secret is already set up. Use "Rotate secret" to replace it.');
      return;
    }
    const secret = newSecret(platform.crypto);
    saveSecrets(platform, { current: secret, previous: null, rotatedAt: null });
    showSecret(ui2, secret, false);
  }
  function rotateSecret(platform) {
    const ui2 = platform.ui();
    if (!ui2) return;
    remember(platform);
    const old = secrets(platform).current;
    const secret = newSecret(platform.crypto);
    const rotatedAt = old ? Math.floor(platform.now() / 1e3) : null;
    saveSecrets(platform, { current: secret, previous: old, rotatedAt });
    showSecret(ui2, secret, old !== null);
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/reply.ts
  function okReply(applied, stale, resync) {
    return { ok: true, applied, stale, resync };
  }
  function errorReply(error, message) {
    return { ok: false, error, message };
  }
  var BUSY = errorReply("busy", "the sheet is busy; retry later");
  var INTERNAL = errorReply("internal", "internal error");
  var STATUS = { ok: true, service: "teleport-sheets", contract: 1 };

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/parse.ts
  var MAX_ID_CHARS = 256;
  var MAX_NAME_CHARS = 1024;
  var ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
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
  function time(value, path) {
    if (typeof value !== "string" || !ISO_TIME.test(value) || isNaN(Date.parse(value))) {
      throw new Invalid(`${path} must be an ISO time`);
    }
    return value;
  }
  function timeOrNull(o, key, path) {
    return o[key] === null ? null : time(o[key], `${path}.${key}`);
  }
  function list(value, path, item) {
    if (!Array.isArray(value)) throw new Invalid(`${path} must be an array`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  }
  function text(value, path) {
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
      roles: list(o.roles, `${path}.roles`, text),
      resources: list(o.resources, `${path}.resources`, resource),
      state: oneOf(o.state, REQUEST_STATES, `${path}.state`),
      reason: string(o, "reason", path),
      resolveReason: string(o, "resolveReason", path),
      created: time(o.created, `${path}.created`),
      requestExpires: timeOrNull(o, "requestExpires", path),
      accessExpires: timeOrNull(o, "accessExpires", path),
      suggestedReviewers: list(o.suggestedReviewers, `${path}.suggestedReviewers`, text),
      reviews: list(o.reviews, `${path}.reviews`, review),
      promotedTo: o.promotedTo === null ? null : string(o, "promotedTo", path)
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
  function batch(value) {
    const o = object(value, "body");
    if (o.v !== CONTRACT_VERSION) throw new Invalid(`body.v must be ${CONTRACT_VERSION}`);
    const cluster = string(o, "cluster", "body");
    const webUrl = string(o, "webUrl", "body");
    if (cluster === "" || cluster.length > MAX_NAME_CHARS)
      throw new Invalid(`body.cluster must be 1 to ${MAX_NAME_CHARS} characters`);
    if (webUrl.length > MAX_NAME_CHARS) throw new Invalid(`body.webUrl must be at most ${MAX_NAME_CHARS} characters`);
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

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/plan.ts
  var VERSION_HEADER = HEADERS[COL.version - 1];
  var GROW_HEADROOM_ROWS = 2e3;
  function rendered(request2, batch2, now) {
    const url = requestLink(batch2.webUrl, request2.id) ?? "";
    const [rank, reviews] = versionOf(request2);
    const cells2 = renderRow(request2, {
      cluster: batch2.cluster,
      status: request2.state,
      updated: now,
      version: "",
      hasLink: url !== ""
    });
    const hashed = cells2.slice(0, COL.updated - 1).map((c) => typeof c === "string" ? c : c.toISOString());
    const meta = {
      id: request2.id,
      cluster: batch2.cluster,
      state: request2.state,
      rank,
      reviews,
      url,
      hash: contentHash([...hashed, url]),
      gone: false
    };
    return { meta, cells: cells2 };
  }
  var Planner = class {
    constructor(versionColumn, batch2, now) {
      this.versionColumn = versionColumn;
      this.batch = batch2;
      this.now = now;
      this.metas = /* @__PURE__ */ new Map();
      this.rowOf = /* @__PURE__ */ new Map();
      this.writes = /* @__PURE__ */ new Map();
      this.heartbeats = [];
      this.applied = 0;
      this.stale = 0;
      let lastUsed = 1;
      versionColumn.forEach((cell, i) => {
        const row = i + 1;
        if (row === 1) return;
        if (cell !== "" && cell !== null && cell !== void 0) lastUsed = row;
        const meta = decodeMeta(cell);
        if (meta && !this.rowOf.has(meta.id)) {
          this.rowOf.set(meta.id, row);
          this.metas.set(row, meta);
        }
      });
      this.nextRow = lastUsed + 1;
      if (versionColumn[0] !== VERSION_HEADER) this.writes.set(1, "header");
    }
    /** Every op but a stale upsert counts as applied, whether or not it changes a row. */
    apply(op2) {
      switch (op2.op) {
        case "upsert":
          if (!this.upsert(op2)) {
            this.stale++;
            return;
          }
          break;
        case "delete":
          this.remove(op2.id);
          break;
        case "sync":
          this.sync(op2.ids);
          break;
        case "heartbeat":
          this.heartbeats.push(op2);
          break;
      }
      this.applied++;
    }
    /** False when the row is newer than the upsert (contract §5). */
    upsert(op2) {
      const row = this.rowOf.get(op2.request.id);
      const current = row === void 0 ? void 0 : this.metas.get(row);
      if (current && compareVersions(versionOf(op2.request), [current.rank, current.reviews]) < 0) return false;
      const next = rendered(op2.request, this.batch, this.now);
      if (current && !current.gone && current.hash === next.meta.hash) return true;
      const target = row ?? this.nextRow++;
      this.rowOf.set(op2.request.id, target);
      this.metas.set(target, next.meta);
      this.writes.set(target, next);
      return true;
    }
    remove(id2) {
      const row = this.rowOf.get(id2);
      const current = row === void 0 ? void 0 : this.metas.get(row);
      if (row === void 0 || !current || current.gone) return;
      const meta = { ...current, gone: true };
      this.metas.set(row, meta);
      const pending = this.writes.get(row);
      this.writes.set(row, { meta, cells: pending && pending !== "header" ? pending.cells : null });
    }
    sync(ids) {
      const keep = new Set(ids);
      for (const [id2, row] of this.rowOf) {
        const meta = this.metas.get(row);
        if (meta && meta.cluster === this.batch.cluster && !keep.has(id2)) this.remove(id2);
      }
    }
    finish() {
      let span = null;
      for (const row of this.writes.keys()) {
        span = span ? { first: Math.min(span.first, row), last: Math.max(span.last, row) } : { first: row, last: row };
      }
      let needsRead = false;
      if (span) {
        for (let row = span.first; row <= span.last && !needsRead; row++) {
          const w = this.writes.get(row);
          needsRead = w === void 0 || w !== "header" && w.cells === null;
        }
      }
      const gridRows = this.versionColumn.length;
      const growBy = span && span.last > gridRows ? span.last - gridRows + GROW_HEADROOM_ROWS : 0;
      const { applied, stale, heartbeats, writes, metas } = this;
      return { applied, stale, heartbeats, writes, metas, gridRows, growBy, span, needsRead };
    }
  };
  function planBatch(versionColumn, batch2, now) {
    const planner = new Planner(versionColumn, batch2, now);
    for (const op2 of batch2.ops) planner.apply(op2);
    return planner.finish();
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/verify.ts
  function utf8Length(text2) {
    let bytes = 0;
    for (let i = 0; i < text2.length; i++) {
      const c = text2.charCodeAt(i);
      if (c < 128) bytes += 1;
      else if (c < 2048) bytes += 2;
      else if (c >= 55296 && c <= 56319 && i + 1 < text2.length) {
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
    if (deps.nonceSeen(nonce)) return refuse("replayed", "nonce already used");
    return { ok: true, body };
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/webapp.ts
  var LOCK_WAIT_MS = 1e4;
  function bestEffort(what, fn, fallback) {
    try {
      return fn();
    } catch (err) {
      console.warn(`could not ${what}: ` + (err instanceof Error ? err.message : "unknown"));
      return fallback;
    }
  }
  function applyBatch(platform, batch2, now) {
    const wb = platform.spreadsheet(spreadsheetId(platform));
    const plan = planBatch(readVersionColumn(wb), batch2, new Date(now));
    applyPlan(wb, plan, new Date(now));
    wb.flush();
    const heartbeat = plan.heartbeats[plan.heartbeats.length - 1] ?? null;
    bestEffort("record the relay contact", () => recordContact(platform, now, batch2.relay, heartbeat), void 0);
    return okReply(
      plan.applied,
      plan.stale,
      bestEffort("read the resync flag", () => takeResync(platform), false)
    );
  }
  function verifiedApply(e, platform) {
    const now = platform.now();
    const verdict = verify(
      { body: e?.postData?.contents, ts: e?.parameter?.ts, nonce: e?.parameter?.nonce, sig: e?.parameter?.sig },
      {
        nowSeconds: () => Math.floor(now / 1e3),
        secrets: () => secrets(platform),
        hmacHex: (key, message) => platform.crypto.hmacSha256Hex(key, message),
        nonceSeen: (nonce) => nonceSeen(platform, nonce)
      }
    );
    if (!verdict.ok) return errorReply(verdict.error, verdict.message);
    const parsed = parseBatch(verdict.body);
    if (!parsed.ok) return errorReply("bad_request", parsed.message);
    return platform.withScriptLock(LOCK_WAIT_MS, () => applyBatch(platform, parsed.batch, now)) ?? BUSY;
  }
  function handle(e, platform) {
    try {
      return verifiedApply(e, platform);
    } catch (err) {
      console.error("doPost failed: " + (err instanceof Error ? `${err.name}: ${err.message}` : "unknown"));
      return INTERNAL;
    }
  }

  // ../../../tmp/sheet-layout1-Kxj1BD/src/appsscript/src/main.ts
  var doPost = (e) => jsonOutput(handle(e, appsScript()));
  var doGet = () => jsonOutput(STATUS);
  var onOpen2 = () => onOpen(appsScript());
  var viewInTeleport2 = () => viewInTeleport(appsScript());
  var refreshFromTeleport2 = () => refreshFromTeleport(appsScript());
  var reformatSheet2 = () => reformatSheet(appsScript());
  var relayStatus2 = () => relayStatus(appsScript());
  var setUpSecret2 = () => setUpSecret(appsScript());
  var rotateSecret2 = () => rotateSecret(appsScript());
  return __toCommonJS(main_exports);
})();
function doGet() { return TeleportSheets.doGet.apply(this, arguments); }
function doPost() { return TeleportSheets.doPost.apply(this, arguments); }
function onOpen() { return TeleportSheets.onOpen.apply(this, arguments); }
function reformatSheet() { return TeleportSheets.reformatSheet.apply(this, arguments); }
function refreshFromTeleport() { return TeleportSheets.refreshFromTeleport.apply(this, arguments); }
function relayStatus() { return TeleportSheets.relayStatus.apply(this, arguments); }
function rotateSecret() { return TeleportSheets.rotateSecret.apply(this, arguments); }
function setUpSecret() { return TeleportSheets.setUpSecret.apply(this, arguments); }
function viewInTeleport() { return TeleportSheets.viewInTeleport.apply(this, arguments); }
