/**
 * The CDK app (`npx cdk synth|deploy`). Environment-agnostic unless `-c region=…` pins the
 * region: where personal data is stored is the operator's decision (docs/decisions/0002).
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.ts';

const app = new App();
const region: string | undefined = app.node.tryGetContext('region');

new ApiStack(app, 'Doanthe', {
  env: region ? { region } : undefined,
  description: 'doanthe: members and branches of mass organizations (API, table, signing keys)',
  tokenIssuer: app.node.tryGetContext('tokenIssuer'),
});
Tags.of(app).add('project', 'doanthe');

// cdk-nag 3 is a policy-validation plugin: synthesis fails on any unacknowledged finding.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
