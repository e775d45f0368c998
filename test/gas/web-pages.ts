// The HTML pages Google serves around a web app: the "Error" page (uncaught exception, quota),
// the page of a script that returned nothing, the sign-in page, plain HTTP error pages, and the 302's body.
import { escapeHtml } from './template.js';

function page(title: string, body: string): string {
  return (
    '<!DOCTYPE html><html><head>' +
    '<link rel="shortcut icon" href="//ssl.gstatic.com/docs/script/images/favicon.ico">' +
    `<title>${title}</title></head>` +
    '<body style="margin:20px">' +
    '<div><img alt="Google Apps Script" src="//ssl.gstatic.com/docs/script/images/logo.png"></div>' +
    `<div style="text-align:center;font-family:monospace;margin:50px auto 0;max-width:600px">${body}</div>` +
    '</body></html>'
  );
}

export function errorPage(err: unknown): string {
  const message =
    err instanceof Error || (err !== null && typeof err === 'object' && 'message' in err)
      ? `${(err as Error).name ?? 'Error'}: ${(err as Error).message}`
      : String(err);
  return page('Error', `${escapeHtml(message)} (line 1, file &quot;Code&quot;)`);
}

export function movedPage(location: string): string {
  return (
    '<HTML><HEAD><TITLE>Moved Temporarily</TITLE></HEAD>' +
    `<BODY>The document has moved <A HREF="${location}">here</A>.</BODY></HTML>`
  );
}

export function noOutputPage(): string {
  return page('Google Apps Script', 'The script completed but did not return anything.');
}

export function signInPage(): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in - Google Accounts</title></head>` +
    `<body><form action="https://accounts.google.com/signin/v2/identifier" method="post"><h1>Sign in</h1>` +
    `<p>to continue to Google Drive</p><input type="email" name="identifier"></form></body></html>`
  );
}

export function statusPage(status: number): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error ${status}</title></head>` +
    `<body><p><b>${status}.</b> <ins>That’s an error.</ins></p><p>That’s all we know.</p></body></html>`
  );
}
