// The legacy export of the design's example, for the tests of every package that migrates it:
// two deployment profiles with roles (dev, prod), one without (old), and one app that uses them.

/** DESIGN.md section 9, verbatim; `org` names the organization the export is of (the design's is acme). */
export const seedExport = (org = 'acme') => ({
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
      services: [
        {
          name: 'service1',
          instances: [
            { stage: 'dev', region: 'us-east-1' },
            { stage: 'prod', region: 'us-east-1' },
          ],
        },
      ],
    },
  ],
});
