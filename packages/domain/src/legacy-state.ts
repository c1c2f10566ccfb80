// The legacy model's part of the org state (see legacy-decider.ts).

/** A legacy deployment profile, and whether it was migrated. */
export interface DeploymentProfileState {
  readonly profileId: string;
  readonly name: string;
  readonly roleArn?: string;
  /** Set once migrated: the provider it became, or null when it was skipped. */
  readonly migratedTo?: string | null;
}

/** A service instance known to have been deployed (from the legacy model), which the migration links. */
export interface DeployedInstance {
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region?: string;
}

/** The key of an app stage's deployment profile: `app/stage`. */
export const stageProfileKey = (app: string, stage: string): string => `${app}/${stage}`;

/** The key of a deployed instance: `app/service/stage`, with `/region` when it has one. */
export const deployedInstanceKey = (i: DeployedInstance): string =>
  i.region === undefined ? `${i.app}/${i.service}/${i.stage}` : `${i.app}/${i.service}/${i.stage}/${i.region}`;
