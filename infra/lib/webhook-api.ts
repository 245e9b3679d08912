/** The HTTP API Fivetran delivers webhooks to: `POST /webhook` on the webhook Lambda, throttled, with JSON access logs. */
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/** JSON access logs of the webhook API (HTTP API context variables). */
const WEBHOOK_ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export type WebhookApiProps = {
  readonly handler: IFunction;
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Creates one of the pipeline's log groups (the access logs). */
  readonly logGroup: (id: string) => LogGroup;
};

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class WebhookApi {
  public readonly httpApi: HttpApi;
  public readonly httpStage: HttpStage;
  /** The URL to register with Fivetran: `https://<api>.execute-api.<region>.amazonaws.com/webhook`. */
  public readonly webhookUrl: string;

  constructor(scope: Construct, props: WebhookApiProps) {
    this.httpApi = new HttpApi(scope, 'WebhookApi', {
      description: 'Receives Fivetran webhooks (POST /webhook)',
      createDefaultStage: false,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.httpStage = new HttpStage(scope, 'WebhookApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(props.logGroup('WebhookApiAccessLogs')), format: WEBHOOK_ACCESS_LOG_FORMAT },
    });
    const routes = this.httpApi.addRoutes({
      path: '/webhook',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('WebhookIntegration', props.handler),
    });
    for (const route of routes) {
      acknowledge(route, 'AwsSolutions-APIG4', 'Fivetran authenticates deliveries only with the HMAC-SHA256 signature, which the Lambda verifies in constant time before reading the body.');
    }
    this.webhookUrl = `${this.httpStage.url}webhook`;
  }
}
