// Typed access to rendered objects, so tests read like the manifests they check.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { K8sObject } from './render.js';

export type { IConfigMap, IContainer, IDeployment, IPodSpec, IRole, IRoleBinding, IService, IVolume };

export const RELAY = 'teleport-sheets-relay';
export const TBOT = 'teleport-sheets-tbot';
/** Secrets the manifests mount but never generate: the user (or tbot) creates them. */
export const EXTERNAL_SECRETS = ['teleport-sheets-identity', 'teleport-sheets-sheet-secret'];

export function all<T>(objects: K8sObject[], kind: string): (T & K8sObject)[] {
  return objects.filter((o) => o.kind === kind) as (T & K8sObject)[];
}

/** The object of that kind whose name is `name` or, for generated ones, `name-<hash>`. */
export function one<T>(objects: K8sObject[], kind: string, name: string): T & K8sObject {
  const found = all<T>(objects, kind).filter((o) => new RegExp(`^${name}(-[a-z0-9]{10})?$`).test(o.metadata.name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0]!;
}

export function podSpec(objects: K8sObject[], deployment: string): IPodSpec {
  const spec = one<IDeployment>(objects, 'Deployment', deployment).spec?.template.spec;
  if (!spec) throw new Error(`Deployment ${deployment} has no pod spec`);
  return spec;
}

export function container(spec: IPodSpec, name: string): IContainer {
  const found = spec.containers.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}

/** The volume mounted at exactly `path` in that container. */
export function volumeAt(spec: IPodSpec, c: IContainer, path: string): IVolume {
  const mount = c.volumeMounts?.find((m) => m.mountPath === path);
  if (!mount) throw new Error(`nothing is mounted at ${path} in ${c.name}`);
  const volume = spec.volumes?.find((v) => v.name === mount.name);
  if (!volume) throw new Error(`mount ${mount.name} has no volume`);
  return volume;
}

/** A file that a ConfigMap holds, by key. */
export function configFile(objects: K8sObject[], name: string, key: string): string {
  const text = one<IConfigMap>(objects, 'ConfigMap', name).data?.[key];
  if (text === undefined) throw new Error(`ConfigMap ${name} has no ${key}`);
  return text;
}

export function matches(selector: Record<string, string> | undefined, labels: Record<string, string> = {}): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
