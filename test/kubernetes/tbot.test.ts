import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  RELAY,
  TBOT,
  all,
  configFile,
  container,
  matches,
  one,
  podSpec,
  volumeAt,
  type IDeployment,
  type IPodSpec,
  type IRole,
  type IRoleBinding,
} from './lookup.js';
import { parseConfig } from './relay-code.js';
import { COMBINATIONS, DEPLOY_DIR, kustomize, renderCombination, type K8sObject } from './render.js';
import { schemaProblems } from './schemas.js';

interface TbotConfig {
  version: string;
  proxy_server?: string;
  auth_server?: string;
  onboarding: { join_method: string; token: string };
  storage: { type: string; name: string };
  outputs: { type: string; destination: { type: string; name: string } }[];
}

function tbotConfig(objects: K8sObject[]): TbotConfig {
  return parse(configFile(objects, TBOT, 'tbot.yaml')) as TbotConfig;
}

function joinToken(spec: IPodSpec) {
  const tbot = container(spec, 'tbot');
  const path = tbot.env?.find((e) => e.name === 'KUBERNETES_TOKEN_PATH')?.value ?? '';
  const folder = path.slice(0, path.lastIndexOf('/'));
  const source = volumeAt(spec, tbot, folder).projected?.sources?.find((s) => s.serviceAccountToken);
  return { path, source: source?.serviceAccountToken };
}

const tbotCombinations = COMBINATIONS.filter((c) => c.resources.includes('overlays/tbot'));

describe.each(tbotCombinations)('$name', (combination) => {
  let objects: K8sObject[];
  let spec: IPodSpec;
  beforeAll(async () => {
    objects = await renderCombination(combination);
    spec = podSpec(objects, TBOT);
  });

  it('runs one tbot at a time: it takes no lock on the Secrets it writes', () => {
    const deployment = one<IDeployment>(objects, 'Deployment', TBOT);
    expect(deployment.spec?.replicas).toBe(1);
    expect(deployment.spec?.strategy?.type).toBe('Recreate');
  });

  it('joins with the kubernetes method, using a short-lived token made for Teleport', () => {
    const config = tbotConfig(objects);
    expect(config.version).toBe('v2');
    expect(config.onboarding.join_method).toBe('kubernetes');
    expect(config.onboarding.token).toMatch(/\S/);
    expect(config.proxy_server ?? config.auth_server).toMatch(/^[a-z0-9.-]+:\d+$/);
    const { path, source } = joinToken(spec);
    expect(path).toBe('/var/run/secrets/tokens/join-sa-token');
    expect(path.endsWith(`/${source?.path}`)).toBe(true);
    expect(source?.audience).toMatch(/\S/);
    // Teleport refuses tokens living longer than 30 minutes; Kubernetes issues none under 10.
    expect(source?.expirationSeconds).toBeGreaterThanOrEqual(600);
    expect(source?.expirationSeconds).toBeLessThanOrEqual(1800);
  });

  it('tells tbot where its config is and which namespace it writes to', () => {
    const tbot = container(spec, 'tbot');
    const configPath = tbot.args![tbot.args!.indexOf('-c') + 1]!;
    expect(volumeAt(spec, tbot, '/config').configMap?.name).toBe(one(objects, 'ConfigMap', TBOT).metadata.name);
    expect(configPath).toBe('/config/tbot.yaml');
    const namespace = tbot.env?.find((e) => e.name === 'POD_NAMESPACE');
    expect(namespace?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.namespace');
    expect(tbot.livenessProbe?.httpGet?.path).toBe('/livez');
    expect(tbot.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(tbot.args).toContain('0.0.0.0:3001');
  });

  it('writes the identity into the Secret the relay mounts, and may write only its two Secrets', () => {
    const config = tbotConfig(objects);
    const output = config.outputs.find((o) => o.type === 'identity')!.destination;
    expect(output.type).toBe('kubernetes_secret');
    const relay = podSpec(objects, RELAY);
    const relayConfig = parseConfig(configFile(objects, RELAY, 'relay.toml'), {});
    if (!relayConfig.ok) throw new Error('the relay config does not parse');
    const mounted = volumeAt(relay, container(relay, 'relay'), relayConfig.config.teleport.identity);
    expect(mounted.secret?.secretName).toBe(output.name);
    expect(config.storage.type).toBe('kubernetes_secret');

    const role = one<IRole>(objects, 'Role', TBOT);
    const named = role.rules!.filter((r) => r.resourceNames);
    expect(named).toEqual([
      expect.objectContaining({ resources: ['secrets'], resourceNames: [config.storage.name, output.name] }),
    ]);
    expect(named[0]!.verbs.sort()).toEqual(['get', 'patch', 'update']);
    const unnamed = role.rules!.filter((r) => !r.resourceNames);
    expect(unnamed).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }]);

    const binding = one<IRoleBinding>(objects, 'RoleBinding', TBOT);
    expect(binding.roleRef).toMatchObject({ kind: 'Role', name: role.metadata.name });
    expect(binding.subjects?.map((s) => s.name)).toEqual([spec.serviceAccountName]);
  });

  it('keeps tbot and the relay apart: neither selects the other', () => {
    const relay = one<IDeployment>(objects, 'Deployment', RELAY).spec!;
    const tbot = one<IDeployment>(objects, 'Deployment', TBOT).spec!;
    expect(matches(relay.selector.matchLabels, tbot.template.metadata?.labels)).toBe(false);
    expect(matches(tbot.selector.matchLabels, relay.template.metadata?.labels)).toBe(false);
    expect(all(objects, 'Service').map((s) => s.metadata.name)).toEqual([RELAY]);
  });
});

describe('the example overlay', () => {
  let objects: K8sObject[];
  beforeAll(async () => {
    objects = await kustomize(join(DEPLOY_DIR, 'example'));
  });

  it('renders valid objects with its own config, images and token audience', () => {
    expect(schemaProblems(objects)).toEqual([]);
    const relay = parseConfig(configFile(objects, RELAY, 'relay.toml'), {});
    expect(relay.ok && relay.config.teleport.addr).toBe('example.teleport.sh:443');
    const tbot = tbotConfig(objects);
    expect(tbot.proxy_server).toBe('example.teleport.sh:443');
    expect(joinToken(podSpec(objects, TBOT)).source?.audience).toBe('example.teleport.sh');
    const images = all<IDeployment>(objects, 'Deployment').map((d) => d.spec!.template.spec!.containers[0]!.image);
    expect(images.sort()).toEqual([
      'public.ecr.aws/gravitational/tbot-distroless:18.0.0',
      'registry.example.com/teleport-sheets-relay:0.1.0',
    ]);
    expect(all(objects, 'ServiceMonitor')).toHaveLength(1);
    expect(all(objects, 'ConfigMap')).toHaveLength(2);
  });
});
