// The legacy export of the design's example (two profiles with roles, one without), for an org.
/** The export as the CLI's `migrate --from` reads it. */
export const legacyExport = (org: string) => ({
  org,
  deploymentProfiles: [
    { id: 'p-dev', name: 'dev', awsAccessRoleArn: 'arn:aws:iam::111111111111:role/deploy' },
    { id: 'p-prod', name: 'prod', awsAccessRoleArn: 'arn:aws:iam::222222222222:role/deploy' },
    { id: 'p-old', name: 'old' },
  ],
  apps: [
    {
      name: 'app1',
      stages: { default: 'p-dev', prod: 'p-prod' },
      services: [{ name: 'service1', instances: [{ stage: 'dev', region: 'us-east-1' }, { stage: 'prod', region: 'us-east-1' }] }],
    },
  ],
});
