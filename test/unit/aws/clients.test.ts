/** How `awsClientConfig` reads an environment given to it (not the process's). */
import { awsClientConfig } from '../../../src/aws/clients.js';

describe('awsClientConfig', () => {
  it('uses the keys of a given environment with an endpoint override, since the SDK chain reads only process.env', () => {
    const config = awsClientConfig('sfn', { AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:1', AWS_ACCESS_KEY_ID: 'key', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(config).toEqual({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', credentials: { accessKeyId: 'key', secretAccessKey: 'secret' } });
  });

  it('uses dummy keys with an endpoint override and no credentials configured', () => {
    expect(awsClientConfig('s3', { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' })).toEqual({
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      forcePathStyle: true,
    });
  });

  it('leaves credentials to the SDK chain when the environment names a profile', () => {
    expect(awsClientConfig('sfn', { AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:1', AWS_PROFILE: 'dev' }).credentials).toBeUndefined();
  });
});
