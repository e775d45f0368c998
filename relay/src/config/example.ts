import { ENV_PREFIX, envName, FIELDS, KEYS, SECTIONS, type FieldKey, type FieldSpec } from './fields.js';

// The example config `configure` prints, rendered from the field table: every key with its
// documentation, default and kind, so it cannot drift from what the parser accepts.

const HEADER = [
  '# teleport-sheets relay configuration (TOML).',
  `# Every key can also be set from the environment as ${ENV_PREFIX}<SECTION>_<KEY>,`,
  `# for example ${envName('sheet.url')} or ${envName('relay.heartbeat_interval')};`,
  '# the environment wins over this file. Durations need a unit: "250ms", "30s", "1m", "1h", "14d".',
];

function toml(value: string | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function fieldLines(key: FieldKey): string[] {
  const field: FieldSpec<unknown> = FIELDS[key];
  const name = key.split('.')[1]!;
  const doc = [...field.doc];
  if (field.required) doc[0] = `Required. ${doc[0]}`;
  if (field.requiredUnless) doc.unshift(`Required unless ${field.requiredUnless} is set.`);
  const kind = field.check.kind ? ` (${field.check.kind})` : '';
  if (field.default !== undefined) doc.push(`Default ${toml(field.default)}${kind}.`);
  else if (field.absent) doc.push(`Default: ${field.absent}.`);
  const value = field.default ?? field.example;
  if (value === undefined) throw new Error(`config: ${key} has neither a default nor an example`);
  const set = field.default !== undefined || field.required || field.requiredUnless;
  return [...doc.map((line) => `# ${line}`), `${set ? '' : '# '}${name} = ${toml(value)}`];
}

function render(): string {
  const lines = [...HEADER];
  for (const section of SECTIONS) {
    lines.push('', `[${section}]`);
    for (const key of KEYS.filter((k) => k.startsWith(`${section}.`))) lines.push(...fieldLines(key));
  }
  return `${lines.join('\n')}\n`;
}

export const EXAMPLE_CONFIG = render();
