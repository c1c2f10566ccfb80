import type { Json } from '@providers/store';
import type { ProjectedEvent } from './projected-event.js';
import { SnapshotReader, type SnapshottableReadModel } from './snapshot.js';
import type { SnapshotFields } from './snapshot-fields.js';
import { compareText } from './text-order.js';

/**
 * What the audit trail, the provider catalog and the resolution index share:
 * state kept per org, the last position folded in, and one snapshot envelope,
 * `{ format, version, position, orgs: [{ orgId, … }] }` with the orgs sorted
 * by id, that each fills with its own fields per org.
 */
export abstract class OrgReadModel<Org> implements SnapshottableReadModel {
  protected readonly orgs = new Map<string, Org>();
  /** The last global position folded in: the model's checkpoint. */
  position = 0n;
  private lastOrgId: string | undefined;
  private lastOrg: Org | undefined;

  protected constructor(
    readonly snapshotName: string,
    private readonly snapshotVersion: number,
  ) {}

  apply(e: ProjectedEvent): void {
    if (e.position > this.position) this.position = e.position;
    this.fold(this.org(e.orgId), e);
  }

  /** The model as JSON, in a canonical order (equal states give equal snapshots). */
  snapshot(): Json {
    return {
      format: this.snapshotName,
      version: this.snapshotVersion,
      position: String(this.position),
      orgs: [...this.orgs.entries()].sort(([a], [b]) => compareText(a, b)).map(([orgId, org]) => ({ orgId, ...this.orgSnapshot(org) })),
    };
  }

  /** Replaces the model with a snapshot taken by `snapshot()`; a snapshot that does not fit changes nothing. */
  restore(snapshot: Json): void {
    const read = new SnapshotReader(this.snapshotName);
    const root = read.envelope(snapshot, this.snapshotVersion);
    const position = read.position(root.position, '$.position');
    const orgs = read.orgs(root, (fields, path) => this.readOrg(read, fields, path));
    this.orgs.clear();
    this.lastOrgId = this.lastOrg = undefined;
    for (const [orgId, org] of orgs) this.orgs.set(orgId, org);
    this.position = position;
  }

  /** Folds one event into its org's state. */
  protected abstract fold(org: Org, e: ProjectedEvent): void;
  /** The state of an org the model has seen nothing of. */
  protected abstract emptyOrg(): Org;
  /** One org's fields of the snapshot, in a canonical order. */
  protected abstract orgSnapshot(org: Org): { readonly [key: string]: Json };
  /** One org read back from its fields of a snapshot; `path` names them in errors. */
  protected abstract readOrg(read: SnapshotReader, fields: SnapshotFields, path: string): Org;

  private org(orgId: string): Org {
    // An org's events come in runs (one command, one stream page): skip the lookup within a run.
    if (orgId === this.lastOrgId && this.lastOrg !== undefined) return this.lastOrg;
    let org = this.orgs.get(orgId);
    if (org === undefined) this.orgs.set(orgId, (org = this.emptyOrg()));
    this.lastOrgId = orgId;
    return (this.lastOrg = org);
  }
}
