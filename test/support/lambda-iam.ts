/**
 * The IAM each pipeline Lambda needs, derived from its code: starting at the handler, follow every
 * top-level declaration the code reaches (functions, classes, constants, across relative imports)
 * and collect what it calls at the AWS edge:
 *
 * - the run store (src/aws/dynamodb-run-store.ts): which `RunStore` methods the reached code calls,
 *   and per method, which DynamoDB commands the adapter sends for it (read from the adapter's own
 *   methods, following `this.x()` calls) and on which index;
 * - the task completer (src/aws/sfn-task-completer.ts): which `TaskCompleter` methods are called;
 * - a secret source (src/aws/fivetran-secret.ts, webhook-secret-source.ts): GetSecretValue.
 *
 * Resources come from the function's environment in the template (the table and secrets it is
 * given). The result has the shape of test/support/iam-derivation.ts's `grantedTo`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { fake, grantedTo, type TemplateJson } from './iam-derivation.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** Document-client and low-level DynamoDB commands, and the other SDK commands the adapters send, as IAM actions. */
const COMMAND_ACTIONS: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  DescribeTableCommand: 'dynamodb:DescribeTable',
  SendTaskSuccessCommand: 'states:SendTaskSuccess',
  SendTaskFailureCommand: 'states:SendTaskFailure',
  SendTaskHeartbeatCommand: 'states:SendTaskHeartbeat',
  GetSecretValueCommand: 'secretsmanager:GetSecretValue',
};

const RUN_STORE = 'src/aws/dynamodb-run-store.ts';
const TASK_COMPLETER = 'src/aws/sfn-task-completer.ts';
const SECRET_SOURCES = ['src/aws/fivetran-secret.ts', 'src/aws/webhook-secret-source.ts'];

type Module = { source: ts.SourceFile; declarations: Map<string, ts.Node>; imports: Map<string, { file: string; name: string }> };
const modules = new Map<string, Module>();

function load(file: string): Module {
  const cached = modules.get(file);
  if (cached) return cached;
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const declarations = new Map<string, ts.Node>();
  const imports = new Map<string, { file: string; name: string }>();
  const target = (specifier: string) => relative(ROOT, resolve(ROOT, dirname(file), specifier.replace(/\.js$/, '.ts')));
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith('.')) {
      const from = target(statement.moduleSpecifier.text);
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const e of bindings.elements) imports.set(e.name.text, { file: from, name: (e.propertyName ?? e.name).text });
      }
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) imports.set(e.name.text, { file: target(statement.moduleSpecifier.text), name: (e.propertyName ?? e.name).text });
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && statement.name) {
      declarations.set(statement.name.text, statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) declarations.set(d.name.text, d);
    }
  }
  const module = { source, declarations, imports };
  modules.set(file, module);
  return module;
}

/** The methods a port interface declares (`RunStore`, `TaskCompleter`). */
function interfaceMethods(file: string, name: string): Set<string> {
  const node = load(file).declarations.get(name);
  if (!node || !ts.isInterfaceDeclaration(node)) throw new Error(`No interface ${name} in ${file}`);
  return new Set(node.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : [])));
}

type Reach = { adapters: Set<string>; calls: Set<string> };

/** Every declaration reachable from `name` in `file`; adapters (src/aws) are noted, not entered. */
function reach(file: string, name: string, into: Reach = { adapters: new Set(), calls: new Set() }, seen = new Set<string>()): Reach {
  const key = `${file}#${name}`;
  if (seen.has(key)) return into;
  seen.add(key);
  if (file.startsWith('src/aws/')) {
    into.adapters.add(file);
    return into;
  }
  const module = load(file);
  const imported = module.imports.get(name);
  if (imported) return reach(imported.file, imported.name, into, seen);
  const node = module.declarations.get(name);
  if (!node) return into;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) into.calls.add(n.expression.name.text);
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) {
      if (module.declarations.has(n.text) || module.imports.has(n.text)) reach(file, n.text, into, seen);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return into;
}

/** Per method of the adapter class: the SDK commands it sends (following `this.x()`) and the indexes it names. */
function adapterMethods(file: string, className: string): Map<string, { commands: Set<string>; indexes: Set<string> }> {
  const node = load(file).declarations.get(className);
  if (!node || !ts.isClassDeclaration(node)) throw new Error(`No class ${className} in ${file}`);
  const direct = new Map<string, { commands: Set<string>; indexes: Set<string>; calls: Set<string> }>();
  for (const member of node.members) {
    if (!member.name || !ts.isIdentifier(member.name)) continue;
    const found = { commands: new Set<string>(), indexes: new Set<string>(), calls: new Set<string>() };
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text.endsWith('Command')) found.commands.add(n.expression.text);
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.ThisKeyword) found.calls.add(n.expression.name.text);
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'IndexName' && ts.isPropertyAccessExpression(n.initializer)) found.indexes.add(n.initializer.name.text);
      ts.forEachChild(n, visit);
    };
    visit(member);
    direct.set(member.name.text, found);
  }
  const closed = new Map<string, { commands: Set<string>; indexes: Set<string> }>();
  for (const name of direct.keys()) {
    const result = { commands: new Set<string>(), indexes: new Set<string>() };
    const stack = [name];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const m = stack.pop() as string;
      if (seen.has(m)) continue;
      seen.add(m);
      const d = direct.get(m);
      if (!d) continue;
      d.commands.forEach((c) => result.commands.add(c));
      d.indexes.forEach((i) => result.indexes.add(i));
      stack.push(...d.calls);
    }
    closed.set(name, result);
  }
  return closed;
}

/** The index names of `RunTableIndexes` (its keys) mapped to the index names in the table. */
function indexNames(): Record<string, string> {
  const node = load('src/core/runs/table.ts').declarations.get('RunTableIndexes');
  if (!node || !ts.isVariableDeclaration(node) || !node.initializer) throw new Error('No RunTableIndexes in src/core/runs/table.ts');
  const literal = ts.isAsExpression(node.initializer) ? node.initializer.expression : node.initializer;
  if (!ts.isObjectLiteralExpression(literal)) throw new Error('RunTableIndexes is not an object literal');
  return Object.fromEntries(
    literal.properties.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ts.isStringLiteral(p.initializer) ? [[p.name.text, p.initializer.text]] : [])),
  );
}

const permission = (action: string, resource: string) => `${action} on ${resource}`;

export type LambdaFunction = { logicalId: string; roleId: string; handlerFile: string };

/** What the function's code needs, as `action on resource` strings, with the function's table and secrets from its environment. */
export function requiredByCode(template: TemplateJson, fn: LambdaFunction): string[] {
  const properties = template.Resources[fn.logicalId]?.Properties ?? {};
  const variables = ((properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
  const reached = reach(fn.handlerFile, 'handler');
  const required: string[] = [];

  // The runtime writes the function's logs to its own log group.
  const logGroup = (properties.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup;
  if (logGroup) {
    const arn = `fake-${(logGroup as { Ref: string }).Ref}.Arn`;
    required.push(permission('logs:CreateLogStream', arn), permission('logs:PutLogEvents', arn));
  }

  if (reached.adapters.has(RUN_STORE)) {
    const table = variables.RUNS_TABLE_NAME as { Ref?: string } | undefined;
    if (!table?.Ref) throw new Error(`${fn.logicalId} reaches the DynamoDB run store but has no RUNS_TABLE_NAME`);
    const tableArn = `fake-${table.Ref}.Arn`;
    const indexes = indexNames();
    const storeMethods = interfaceMethods('src/core/runs/records.ts', 'RunStore');
    const methods = adapterMethods(RUN_STORE, 'DynamoRunStore');
    for (const called of [...reached.calls].filter((c) => storeMethods.has(c))) {
      const m = methods.get(called);
      if (!m) throw new Error(`DynamoRunStore has no method ${called}`);
      for (const command of m.commands) {
        const action = COMMAND_ACTIONS[command];
        if (!action) throw new Error(`No IAM action known for ${command} (DynamoRunStore.${called}): add it to COMMAND_ACTIONS`);
        const onIndexes = action === 'dynamodb:Query' && m.indexes.size > 0;
        if (onIndexes) for (const index of m.indexes) required.push(permission(action, `${tableArn}/index/${indexes[index] ?? index}`));
        else required.push(permission(action, tableArn));
      }
    }
  }

  if (reached.adapters.has(TASK_COMPLETER)) {
    const completerMethods = interfaceMethods('src/core/completion/completer.ts', 'TaskCompleter');
    const methods = adapterMethods(TASK_COMPLETER, 'SfnTaskCompleter');
    for (const called of [...reached.calls].filter((c) => completerMethods.has(c))) {
      // SendTask* take a task token, not an ARN: IAM has no resource type for them, so "*".
      for (const command of methods.get(called)?.commands ?? []) required.push(permission(COMMAND_ACTIONS[command] ?? `unknown:${command}`, '*'));
    }
  }

  if (SECRET_SOURCES.some((f) => reached.adapters.has(f))) {
    const secrets = Object.entries(variables).filter(([name]) => name.endsWith('_SECRET_ARN'));
    if (secrets.length === 0) throw new Error(`${fn.logicalId} reads a secret but has no *_SECRET_ARN variable`);
    for (const [, value] of secrets) required.push(permission('secretsmanager:GetSecretValue', fake(value)));
  }
  return [...new Set(required)].sort();
}

/** The pipeline's Lambda functions in the template, with their roles and handler sources (by their log service name). */
export function lambdaFunctions(template: TemplateJson, handlerFiles: Record<string, string>): LambdaFunction[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([logicalId, r]) => {
      const service = String(((r.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}).POWERTOOLS_SERVICE_NAME);
      const handlerFile = handlerFiles[service];
      if (!handlerFile) throw new Error(`No handler source known for ${logicalId} (service ${service})`);
      return { logicalId, roleId: (r.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] as string, handlerFile };
    });
}

type LambdaRoleFindings = { missing: string[]; extra: string[] };

/** Compares a function role's grants with what its code needs. */
export function checkLambdaRole(template: TemplateJson, fn: LambdaFunction): LambdaRoleFindings {
  const required = new Set(requiredByCode(template, fn));
  const granted = new Set(grantedTo(template, fn.roleId));
  return { missing: [...required].filter((p) => !granted.has(p)).sort(), extra: [...granted].filter((p) => !required.has(p)).sort() };
}
