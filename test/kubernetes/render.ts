// Renders deploy/kubernetes with the real `kubectl kustomize`, the way a user's overlay would
// combine it, and reads the output the way Kubernetes does (YAML 1.1: `0440` is octal).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);
export const DEPLOY_DIR = resolve(import.meta.dirname, '../../deploy/kubernetes');
export const NAMESPACE = 'teleport-sheets-test';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface Combination {
  name: string;
  /** Relative to deploy/kubernetes. */
  resources: string[];
  components: string[];
}

const TOPS = [
  { name: 'base', resources: ['base'] },
  { name: 'tbot', resources: ['overlays/tbot'] },
];
const COMPONENT_SETS = [[], ['components/servicemonitor']];

/** Every overlay with every set of components. */
export const COMBINATIONS: Combination[] = TOPS.flatMap((top) =>
  COMPONENT_SETS.map((components) => ({
    name: [top.name, ...components.map((c) => c.split('/').pop())].join(' + '),
    resources: top.resources,
    components,
  })),
);

/** Components need kustomize v4 or later (kubectl 1.21 or later). */
export async function kustomizeProblem(): Promise<string | null> {
  let out: string;
  try {
    out = (await run('kubectl', ['version', '--client', '-o', 'json'])).stdout;
  } catch (err) {
    const why = (err as Error).message;
    return `kubectl is not usable (${why}): install Debian's kubectl (test/setup/system-packages.sh)`;
  }
  const version = (JSON.parse(out) as { kustomizeVersion?: string }).kustomizeVersion ?? '';
  const major = Number(/^v(\d+)\./.exec(version)?.[1] ?? 0);
  return major >= 4 ? null : `kubectl bundles kustomize ${version || '(unknown)'}; these manifests need v4 or later`;
}

export async function kustomize(dir: string): Promise<K8sObject[]> {
  const { stdout } = await run('kubectl', ['kustomize', dir], { maxBuffer: 16 * 1024 * 1024 });
  return parseAllDocuments(stdout, { version: '1.1' }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`kubectl kustomize printed bad YAML: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  });
}

/** Renders a combination through a throwaway overlay that only sets the namespace, as users do. */
export async function renderCombination(c: Combination): Promise<K8sObject[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kustomize-'));
  try {
    const rel = (p: string) => relative(dir, join(DEPLOY_DIR, p));
    const text = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namespace: ${NAMESPACE}`,
      `resources: [${c.resources.map(rel).join(', ')}]`,
      `components: [${c.components.map(rel).join(', ')}]`,
      '',
    ].join('\n');
    await writeFile(join(dir, 'kustomization.yaml'), text);
    return await kustomize(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
