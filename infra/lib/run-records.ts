/** The run-records table (one item per run and connection) and the per-function grants on it. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { RUN_TABLE_SCHEMA } from '../../src/core/runs/table.js';

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class RunRecords {
  public readonly table: Table;

  constructor(scope: Construct, props: { readonly removalPolicy: RemovalPolicy }) {
    const { removalPolicy } = props;
    this.table = new Table(scope, 'RunsTable', {
      partitionKey: { name: RUN_TABLE_SCHEMA.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: RUN_TABLE_SCHEMA.sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: RUN_TABLE_SCHEMA.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    for (const index of RUN_TABLE_SCHEMA.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey.name, type: AttributeType.STRING },
        sortKey: { name: index.sortKey.name, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** Exactly `actions` on the table and the named indexes. */
  /** `actions` on the table; with `indexes`, dynamodb:Query on those indexes instead of the table. */
  grant(grantee: IGrantable, actions: string[], indexes: string[]): void {
    const queriesIndexes = indexes.length > 0 && actions.includes('dynamodb:Query');
    const onTable = queriesIndexes ? actions.filter((action) => action !== 'dynamodb:Query') : actions;
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: onTable, resources: [this.table.tableArn] }));
    if (queriesIndexes) {
      const resources = indexes.map((index) => `${this.table.tableArn}/index/${index}`);
      grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources }));
    }
  }
}
