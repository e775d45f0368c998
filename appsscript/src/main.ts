// Entry points: every export here becomes a top-level function in the pushed bundle.
export function doGet(): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify({ ok: true, service: 'teleport-sheets' }))
    .setMimeType(ContentService.MimeType.JSON);
}
