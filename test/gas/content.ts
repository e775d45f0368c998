// ContentService: the only way a web app returns data (text with a MIME type).
export const MimeType = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'application/xml',
} as const;

export class FakeTextOutput {
  private mimeType: string = MimeType.TEXT;
  private fileName: string | null = null;

  constructor(private content: string) {}

  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  getMimeType(): string {
    return this.mimeType;
  }
  setMimeType(mimeType: string): this {
    this.mimeType = String(mimeType);
    return this;
  }
  downloadAsFile(filename: string): this {
    this.fileName = String(filename);
    return this;
  }
  getFileName(): string | null {
    return this.fileName;
  }
}

export class FakeContentService {
  createTextOutput(content?: unknown): FakeTextOutput {
    return new FakeTextOutput(content === undefined ? '' : String(content));
  }
}

export const TEXT_OUTPUT_API = [
  'getContent',
  'setContent',
  'append',
  'clear',
  'getMimeType',
  'setMimeType',
  'downloadAsFile',
  'getFileName',
] as const;
export const CONTENT_SERVICE_API = ['createTextOutput'] as const;
