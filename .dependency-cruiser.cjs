/**
 * Who may import whom (`npm run lint` runs this). The layers, inside out:
 *   src/core        ports and logic: no adapter, no AWS SDK, no CDK, no framework
 *   src/aws         AWS adapters of the core's ports (DynamoDB store, SendTask*, secrets, clients)
 *   src/engine      the run API and its engines (local, aws) over core + aws
 *   src/demo, src/simulator   the embedded demo and the stand-ins for Fivetran and AWS
 *   src/cli, src/action, src/server, src/lambdas   entry adapters: they never import each other
 *   infra           the CDK app: it takes constants from src/core only
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-adapter',
      comment: 'The core holds ports and logic; adapters depend on it, never the reverse.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'core-uses-no-aws-sdk-or-framework',
      comment: 'AWS SDK calls live in src/aws; Express in src/server; Powertools in src/aws and src/lambdas.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: 'node_modules/(@aws-sdk|@aws-lambda-powertools|express|aws-cdk-lib|constructs|@actions)/' },
    },
    {
      name: 'aws-adapters-depend-on-core-only',
      severity: 'error',
      from: { path: '^src/aws/' },
      to: { path: '^src/(?!core/|aws/)' },
    },
    {
      name: 'engine-depends-on-core-aws-demo',
      comment: 'The engines run the core over the AWS adapters; the local setup may start the demo.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(?!core/|aws/|engine/|demo/)' },
    },
    {
      name: 'entry-adapters-never-import-each-other',
      comment: 'cli, action, server and lambdas each translate their world into core calls. Exception: the CLI umbrella command starts the server process (serve).',
      severity: 'error',
      from: { path: '^src/(cli|action|server|lambdas)/' },
      to: { path: '^src/(cli|action|server|lambdas)/', pathNot: ['^src/$1/', '^src/server/main\\.ts$'] },
    },
    {
      name: 'only-the-cli-starts-the-server',
      severity: 'error',
      from: { path: '^src/(?!cli/|server/)' },
      to: { path: '^src/server/' },
    },
    {
      name: 'runtime-never-imports-cdk',
      comment: 'aws-cdk-lib is a build-time dependency of infra/ only (the Action deploys a prebuilt assembly).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ['node_modules/(aws-cdk-lib|constructs|cdk-nag)/', '^infra/'] },
    },
    {
      name: 'infra-takes-constants-from-core-only',
      comment: 'The stack shares names with the runtime through src/core (stack contract, table shape, definition).',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'tests-and-bench-use-no-cli-internals',
      comment: 'Only the CLI tests reach into src/cli; others run it as a process or use the run API.',
      severity: 'error',
      from: { path: '^(test|bench)/', pathNot: '^test/(unit/cli/|fixtures/boundaries/)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|lib|cdk.out|node_modules)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
