import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXTERNAL_SECRETS,
  RELAY,
  all,
  configFile,
  container,
  matches,
  one,
  podSpec,
  volumeAt,
  type IDeployment,
  type IPodSpec,
  type IRoleBinding,
  type IService,
} from './lookup.js';
import { parseConfig, type RelayConfig } from './relay-code.js';
import { COMBINATIONS, NAMESPACE, kustomizeProblem, renderCombination, type K8sObject } from './render.js';
import { schemaProblems } from './schemas.js';

const MiB = 1024 * 1024;
const MEASURED = { idle: 80 * MiB, tenThousandRequests: 150 * MiB };

function mebibytes(quantity: string | number | undefined): number {
  const m = /^(\d+)(Mi|Gi)$/.exec(String(quantity));
  if (!m) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) * MiB;
}

function relayConfig(objects: K8sObject[]): RelayConfig {
  const env = Object.fromEntries((container(podSpec(objects, RELAY), 'relay').env ?? []).map((e) => [e.name, e.value]));
  const result = parseConfig(configFile(objects, RELAY, 'relay.toml'), env);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.config;
}

it('has a kubectl whose kustomize can render components', async () => {
  expect(await kustomizeProblem()).toBeNull();
});

it('the schema check refuses what Kubernetes would refuse', async () => {
  const objects = await renderCombination(COMBINATIONS[0]!);
  const broken = structuredClone(one<IDeployment>(objects, 'Deployment', RELAY));
  broken.spec!.template.spec!.containers[0]!.ports![0]!.containerPort = 'eighty' as never;
  delete (broken.spec as Partial<typeof broken.spec>)!.selector;
  expect(schemaProblems([broken]).join('\n')).toMatch(/containerPort must be integer|must have required property/);
  expect(schemaProblems([{ ...broken, kind: 'Deploymnet' }])).toEqual([
    `Deploymnet/${RELAY}: no schema known for apps/v1 Deploymnet`,
  ]);
});

it('the relay would refuse the variables that Service links add, so the pods turn them off', async () => {
  const objects = await renderCombination(COMBINATIONS[0]!);
  const linked = { TELEPORT_SHEETS_RELAY_SERVICE_HOST: '10.0.0.1', TELEPORT_SHEETS_RELAY_PORT: 'tcp://10.0.0.1:8080' };
  const result = parseConfig(configFile(objects, RELAY, 'relay.toml'), linked);
  expect(result.ok).toBe(false);
  for (const d of all<IDeployment>(objects, 'Deployment'))
    expect(d.spec?.template.spec?.enableServiceLinks).toBe(false);
});

describe.each(COMBINATIONS)('$name', (combination) => {
  let objects: K8sObject[];
  let spec: IPodSpec;
  beforeAll(async () => {
    objects = await renderCombination(combination);
    spec = podSpec(objects, RELAY);
  });

  it('renders objects that are valid against the Kubernetes schemas, all in the overlay namespace', () => {
    expect(objects.length).toBeGreaterThanOrEqual(5);
    expect(schemaProblems(objects)).toEqual([]);
    for (const o of objects) expect(`${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`).toMatch(NAMESPACE);
    const hasMonitor = combination.components.includes('components/servicemonitor');
    expect(all(objects, 'ServiceMonitor')).toHaveLength(hasMonitor ? 1 : 0);
  });

  it('every name it refers to exists', () => {
    const names = (kind: string) => all(objects, kind).map((o) => o.metadata.name);
    for (const d of all<IDeployment>(objects, 'Deployment')) {
      const pod = d.spec!.template;
      expect(names('ServiceAccount')).toContain(pod.spec!.serviceAccountName);
      expect(matches(d.spec!.selector.matchLabels, pod.metadata?.labels)).toBe(true);
      for (const v of pod.spec!.volumes ?? []) {
        if (v.configMap) expect(names('ConfigMap')).toContain(v.configMap.name);
        if (v.secret) expect([...names('Secret'), ...EXTERNAL_SECRETS]).toContain(v.secret.secretName);
      }
    }
    for (const b of all<IRoleBinding>(objects, 'RoleBinding')) {
      expect(names('Role')).toContain(b.roleRef.name);
      for (const s of b.subjects ?? [])
        expect([s.kind, s.name, s.namespace]).toEqual(['ServiceAccount', s.name, NAMESPACE]);
      for (const s of b.subjects ?? []) expect(names('ServiceAccount')).toContain(s.name);
    }
  });

  it('the Service, the PodDisruptionBudget and the ServiceMonitor select the relay pods and port', () => {
    const podLabels = one<IDeployment>(objects, 'Deployment', RELAY).spec!.template.metadata!.labels;
    const service = one<IService>(objects, 'Service', RELAY);
    expect(matches(service.spec!.selector, podLabels)).toBe(true);
    expect(service.spec!.publishNotReadyAddresses).toBe(true);
    const port = service.spec!.ports![0]!;
    expect(container(spec, 'relay').ports?.map((p) => p.name)).toContain(port.targetPort);
    const pdb = one<{ spec: { selector: { matchLabels: Record<string, string> } } }>(
      objects,
      'PodDisruptionBudget',
      RELAY,
    );
    expect(matches(pdb.spec.selector.matchLabels, podLabels)).toBe(true);
    type Monitor = {
      spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string }[] };
    };
    for (const monitor of all<Monitor>(objects, 'ServiceMonitor')) {
      expect(matches(monitor.spec.selector.matchLabels, service.metadata.labels)).toBe(true);
      expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: port.name, path: '/metrics' })]);
    }
  });

  it('runs every container as non-root on a read-only root filesystem, without privileges', () => {
    for (const d of all<IDeployment>(objects, 'Deployment')) {
      const pod = d.spec!.template.spec!;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          privileged: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.securityContext?.capabilities?.add ?? []).toEqual([]);
      }
    }
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  it('probes /healthz and /readyz on the port the config listens on', () => {
    const relay = container(spec, 'relay');
    const port = relay.ports!.find((p) => p.name === relay.livenessProbe?.httpGet?.port);
    expect(relay.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(relay.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: port?.name });
    expect(port?.containerPort).toBe(relayConfig(objects).http.port);
  });

  it('asks for memory that fits what the relay was measured to use', () => {
    const resources = container(spec, 'relay').resources!;
    expect(mebibytes(resources.requests?.memory)).toBeGreaterThan(MEASURED.idle);
    expect(mebibytes(resources.limits?.memory)).toBeGreaterThan(MEASURED.tenThousandRequests * 1.5);
    expect(resources.requests?.cpu).toBeDefined();
  });

  it('mounts the config, the identity folder, the secret file and a memory /tmp where the config says', () => {
    const relay = container(spec, 'relay');
    const config = relayConfig(objects);
    expect(relay.volumeMounts?.every((m) => m.subPath === undefined)).toBe(true);

    const configPath = relay.args![relay.args!.indexOf('--config') + 1]!;
    expect(volumeAt(spec, relay, dirname(configPath)).configMap?.name).toBe(
      one(objects, 'ConfigMap', RELAY).metadata.name,
    );

    const identity = volumeAt(spec, relay, config.teleport.identity).secret!;
    expect(identity.secretName).toBe('teleport-sheets-identity');
    expect(identity.items).toBeUndefined();

    expect(config.sheet.secret).toEqual({ from: 'file', path: '/var/run/secrets/teleport-sheets/secret' });
    const secretPath = (config.sheet.secret as { path: string }).path;
    const sheet = volumeAt(spec, relay, dirname(secretPath)).secret!;
    expect(sheet.secretName).toBe('teleport-sheets-sheet-secret');
    expect(sheet.items).toEqual([{ key: 'secret', path: secretPath.split('/').pop() }]);

    for (const secret of [identity, sheet]) expect((secret.defaultMode ?? 0o644) & 0o007).toBe(0);
    expect(spec.securityContext?.fsGroup).toBe(spec.securityContext?.runAsGroup);
    expect(relay.volumeMounts?.filter((m) => m.mountPath !== '/tmp').every((m) => m.readOnly)).toBe(true);
    expect(volumeAt(spec, relay, '/tmp').emptyDir?.medium).toBe('Memory');
  });
});
