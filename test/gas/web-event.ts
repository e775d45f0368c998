// The event object doGet/doPost receive: query parameters and the raw body, never headers,
// the client address or the method. A form-encoded body also fills e.parameter(s).
export interface DoPostEvent {
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  queryString: string;
  contentLength: number;
  contextPath: string;
  postData?: { contents: string; type: string; length: number; name: 'postData' };
}

export function doEvent(query: string, body: Buffer | null, contentType: string | undefined): DoPostEvent {
  const parameters: Record<string, string[]> = {};
  const add = (params: URLSearchParams) => {
    for (const [k, v] of params) (parameters[k] ??= []).push(v);
  };
  add(new URLSearchParams(query));
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (body && type === 'application/x-www-form-urlencoded') add(new URLSearchParams(body.toString('utf8')));
  const parameter = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v[0]!]));
  const event: DoPostEvent = {
    parameter,
    parameters,
    queryString: query,
    contentLength: body ? body.length : -1,
    contextPath: '',
  };
  if (body)
    event.postData = {
      contents: body.toString('utf8'),
      type: type || 'application/octet-stream',
      length: body.length,
      name: 'postData',
    };
  return event;
}
