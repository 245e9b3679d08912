/**
 * The CDK app entry point (cdk.json: `npx tsx infra/bin/app.ts`). Options come from the context
 * (`cdk deploy -c fivetranSecretArn=arn:...`, which the CLI hands over in CDK_CONTEXT_JSON) and
 * the output folder from CDK_OUTDIR; see infra/lib/pipeline-app.ts.
 */
import { createPipelineApp } from '../lib/pipeline-app.js';

createPipelineApp().app.synth();
