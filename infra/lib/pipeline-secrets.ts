/**
 * The pipeline's Secrets Manager secrets: the Fivetran API credentials and the webhook signing
 * secret (created, or imported by ARN), and the grants that let a role read a secret: the secret
 * itself, and the customer-managed key that encrypts secrets given by ARN.
 */
import type { RemovalPolicy} from 'aws-cdk-lib';
import { SecretValue, Stack, Token } from 'aws-cdk-lib';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResources } from './nag.js';
import { COMPLETE_SECRET_ARN } from './pipeline-props.js';

export type PipelineSecretsProps = {
  readonly fivetranSecret?: ISecret | string;
  readonly webhookSecret?: ISecret | string;
  readonly warehouseSecret?: ISecret | string;
  readonly secretsKey?: IKey;
  readonly removalPolicy: RemovalPolicy;
};

/**
 * Adds its resources to the pipeline's own scope (not a child construct), as every part of the
 * pipeline does: construct paths, and so logical ids, stay those of a deployed stack.
 */
export class PipelineSecrets {
  public readonly fivetranSecret: ISecret;
  public readonly webhookSecret: ISecret;
  /** dbt's warehouse credentials, one JSON object of environment variables. */
  public readonly warehouseSecret: ISecret;
  private readonly secretsKey: IKey | undefined;
  private readonly secretsKeyReaders = new Set<IRole>();

  constructor(private readonly scope: Construct, props: PipelineSecretsProps) {
    const { removalPolicy } = props;
    this.secretsKey = props.secretsKey;
    // Only ARNs leave this part; the Lambdas read the values at run time.
    this.fivetranSecret = this.importOrCreate('FivetranSecret', props.fivetranSecret, () => {
      const secret = new Secret(scope, 'FivetranSecret', {
        description:
          'Fivetran API credentials for the fivetran-dbt pipeline. Fill in the JSON {"apiKey": "...", "apiSecret": "..."} ' +
          '(Fivetran: Account Settings > General > System Keys, or your user name > API Key), e.g. aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string file://fivetran.json',
        // Empty placeholders, not a secret: the pipeline refuses them with a message saying how to fill the secret.
        secretObjectValue: { apiKey: SecretValue.unsafePlainText(''), apiSecret: SecretValue.unsafePlainText('') },
        removalPolicy,
      });
      acknowledge(secret, 'AwsSolutions-SMG4', 'Fivetran issues the API key; it is rotated in Fivetran and then stored here, not by a rotation Lambda.');
      return secret;
    });
    this.webhookSecret = this.importOrCreate('WebhookSecret', props.webhookSecret, () => {
      const secret = new Secret(scope, 'WebhookSecret', {
        description:
          'Signing secret of the Fivetran webhook (HMAC-SHA256). Generated at deployment: register the webhook with this value. ' +
          'To rotate, store {"current": "<new>", "previous": "<old>"}, update the webhook in Fivetran, then drop "previous".',
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy,
      });
      acknowledge(secret, 'AwsSolutions-SMG4', 'The webhook secret is shared with Fivetran, which cannot follow an automatic rotation; the receiver accepts current and previous secrets for a manual one.');
      return secret;
    });
    this.warehouseSecret = this.importOrCreate('WarehouseSecret', props.warehouseSecret, () => this.createWarehouseSecret('WarehouseSecret', 'dbt', removalPolicy));
  }

  /** A warehouse credentials secret holding `{}`, to be filled after deployment. */
  createWarehouseSecret(id: string, runs: string, removalPolicy: RemovalPolicy): Secret {
    const secret = new Secret(this.scope, id, {
      description:
        `Warehouse credentials of the ${runs} runs of the fivetran-dbt pipeline: one JSON object of environment variables for dbt, ` +
        'e.g. {"SNOWFLAKE_ACCOUNT": "...", "SNOWFLAKE_USER": "...", "SNOWFLAKE_PASSWORD": "..."}. ' +
        'aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string file://warehouse.json',
      // An empty object, not a secret: dbt finds no credentials until the secret is filled.
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy,
    });
    acknowledge(secret, 'AwsSolutions-SMG4', 'The warehouse issues these credentials; they are rotated in the warehouse and then stored here, not by a rotation Lambda.');
    return secret;
  }

  /** `given` as a secret: an `ISecret` as is, an ARN (complete or partial) imported, nothing created by `create`. */
  importOrCreate(id: string, given: ISecret | string | undefined, create: () => Secret): ISecret {
    if (given === undefined) return create();
    if (typeof given !== 'string') return given;
    if (Token.isUnresolved(given) || COMPLETE_SECRET_ARN.test(given)) return Secret.fromSecretCompleteArn(this.scope, id, given);
    return Secret.fromSecretPartialArn(this.scope, id, given);
  }

  /** Lets a Lambda read `secret` (and decrypt it). */
  grantRead(grantee: NodejsFunction, secret: ISecret): void {
    // GetSecretValue only (no DescribeSecret): Powertools Parameters makes no other call.
    const resource = secret.secretFullArn ?? `${secret.secretArn}-??????`;
    grantee.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resource] }));
    secret.encryptionKey?.grantDecrypt(grantee);
    if (grantee.role) this.grantKeyDecrypt(grantee.role);
    if (grantee.role) {
      acknowledgeWildcardResources(grantee.role, [resource], 'A secret given by partial ARN is matched with the 6-character suffix Secrets Manager appends.');
    }
  }

  /** `kms:Decrypt` with `secretsKey`, through Secrets Manager only; once per role. */
  grantKeyDecrypt(role: IRole): void {
    const key = this.secretsKey;
    if (!key || this.secretsKeyReaders.has(role)) return;
    this.secretsKeyReaders.add(role);
    const { region, urlSuffix } = Stack.of(this.scope);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.${urlSuffix}` } },
      }),
    );
  }
}
