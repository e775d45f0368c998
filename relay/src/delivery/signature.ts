import { CLUSTER_PARAM_PATTERN, type SignatureVersion } from '../../../proto/contract.js';
import { classifyReply, type Verdict } from './reply.js';
import type { SendResult, SheetClient, Signature } from './sheet-client.js';

// Which signature the sheet takes (contract §11). The relay signs v2, naming its cluster. A sheet
// from before §11 (or one where this cluster is not enrolled yet) answers bad_signature to that and
// takes the same batch signed v1 with the same secret: from then on the relay signs v1. It goes
// back to v2 when v1 is refused and v2 is taken, and on every start, since enrolling the cluster
// means a new secret in the relay's file, and so a restart. Both refused: a plain bad secret.

export interface SignedReply {
  result: SendResult;
  verdict: Verdict;
  /** The signature of the POST this reply answered. */
  signature: SignatureVersion;
}

export class SignatureChoice {
  private inUse: SignatureVersion;

  /** `onChange` hears every switch, after the sheet has taken a batch signed the new way. */
  constructor(
    private readonly client: SheetClient,
    private readonly cluster: string,
    private readonly onChange: (now: SignatureVersion) => void = () => undefined,
  ) {
    this.inUse = this.v2Possible ? 2 : 1;
  }

  get current(): SignatureVersion {
    return this.inUse;
  }

  /** False for a cluster name that a v2 query cannot carry: that relay can only sign v1. */
  get v2Possible(): boolean {
    return CLUSTER_PARAM_PATTERN.test(this.cluster);
  }

  /** One delivery attempt: the signature in use, then (refused as bad_signature) the other one, once. */
  async send(body: string, opCount: number, signal?: AbortSignal): Promise<SignedReply> {
    const first = await this.attempt(this.inUse, body, opCount, signal);
    if (!badSignature(first.verdict) || !this.v2Possible) return first;
    const second = await this.attempt(this.inUse === 2 ? 1 : 2, body, opCount, signal);
    if (second.verdict.kind === 'delivered') {
      this.inUse = second.signature;
      this.onChange(this.inUse);
    }
    // Refused both ways, the secret is wrong: report it as the signature in use saw it.
    return badSignature(second.verdict) ? first : second;
  }

  private async attempt(
    version: SignatureVersion,
    body: string,
    opCount: number,
    signal?: AbortSignal,
  ): Promise<SignedReply> {
    const signature: Signature = version === 2 ? { version, cluster: this.cluster } : { version };
    const result = await this.client.send(body, signature, signal);
    return { result, verdict: classifyReply(result, opCount), signature: version };
  }
}

function badSignature(verdict: Verdict): boolean {
  return verdict.kind === 'refused' && verdict.reason === 'bad_signature';
}
