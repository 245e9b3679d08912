/**
 * Reads a synthesized CDK cloud assembly (`manifest.json` and the stack's asset manifest) without
 * aws-cdk-lib: the stack's template, tags and template asset, and the file assets to publish,
 * with `${AWS::AccountId}`, `${AWS::Region}` and `${AWS::Partition}` resolved for one environment.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, messageOf } from '../../core/errors.js';

/** Where an asset goes, placeholders resolved. */
export type AssetDestination = { bucketName: string; objectKey: string };

/** A file asset of the assembly: a file uploaded as is, or a folder uploaded as a zip. */
export type FileAsset = {
  id: string;
  displayName: string;
  /** Absolute path of the file or folder. */
  sourcePath: string;
  packaging: 'file' | 'zip';
  destinations: AssetDestination[];
};

/** The stack artifact of an assembly, ready to deploy into one account and region. */
export type StackArtifact = {
  artifactId: string;
  templateFile: string;
  /** The template, parsed (for its Parameters), and its size in bytes. */
  template: { Parameters?: Record<string, unknown> };
  templateBytes: number;
  tags: { Key: string; Value: string }[];
  /** Where the template is published as an asset (`stackTemplateAssetObjectUrl`), if it is. */
  templateObject?: AssetDestination;
  assets: FileAsset[];
};

export type AssemblyEnvironment = { account: string; region: string };

type RawArtifact = {
  type?: string;
  dependencies?: string[];
  properties?: {
    file?: string;
    templateFile?: string;
    stackName?: string;
    tags?: Record<string, string> | { Key: string; Value: string }[];
    stackTemplateAssetObjectUrl?: string;
    assumeRoleArn?: string;
  };
};
type RawDestination = { bucketName?: string; objectKey?: string; region?: string; assumeRoleArn?: string };
type RawAssetManifest = {
  files?: Record<string, { displayName?: string; source?: { path?: string; packaging?: string; executable?: unknown }; destinations?: Record<string, RawDestination> }>;
  dockerImages?: Record<string, unknown>;
};

async function readJson<T>(path: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the ${what} ${path}: ${messageOf(error)} (is the assembly directory right?)`, { cause: error });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ConfigError(`The ${what} ${path} is not JSON: ${messageOf(error)}`, { cause: error });
  }
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `text` with the environment placeholders CDK leaves in asset manifests replaced. */
export function resolvePlaceholders(text: string, env: AssemblyEnvironment): string {
  return text
    .replaceAll('${AWS::AccountId}', env.account)
    .replaceAll('${AWS::Region}', env.region)
    .replaceAll('${AWS::Partition}', partitionOf(env.region));
}

function pickStack(artifacts: Record<string, RawArtifact>, stackName: string, dir: string): [string, RawArtifact] {
  const stacks = Object.entries(artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
  if (stacks.length === 1) return stacks[0] as [string, RawArtifact];
  const named = stacks.find(([id, artifact]) => id === stackName || artifact.properties?.stackName === stackName);
  if (named) return named;
  const ids = stacks.map(([id]) => id).join(', ') || 'none';
  throw new ConfigError(`The assembly ${dir} has ${stacks.length} stacks (${ids}); none is named "${stackName}".`);
}

/**
 * The stack of the assembly in `dir` (its only stack, or the one named `stackName`), with its
 * assets resolved for `env`. Throws `ConfigError` for an unreadable or unsupported assembly:
 * container image assets, or destinations that need an assumed role (a synthesizer other than
 * `CliCredentialsStackSynthesizer`).
 */
export async function readStackArtifact(dir: string, stackName: string, env: AssemblyEnvironment): Promise<StackArtifact> {
  const root = resolve(dir);
  const manifest = await readJson<{ artifacts?: Record<string, RawArtifact> }>(join(root, 'manifest.json'), 'assembly manifest');
  const artifacts = manifest.artifacts ?? {};
  const [artifactId, stack] = pickStack(artifacts, stackName, root);
  const properties = stack.properties ?? {};
  if (!properties.templateFile) throw new ConfigError(`The stack ${artifactId} in ${root}/manifest.json names no templateFile.`);
  if (properties.assumeRoleArn) {
    throw new ConfigError(`The stack ${artifactId} expects to be deployed through the role ${properties.assumeRoleArn}; only assemblies synthesized with CliCredentialsStackSynthesizer (deployed with the caller's own credentials) are supported.`);
  }

  const templatePath = join(root, properties.templateFile);
  const templateText = await readFile(templatePath, 'utf8').catch((error: unknown) => {
    throw new ConfigError(`Cannot read the template ${templatePath}: ${messageOf(error)}`, { cause: error });
  });

  const assets: FileAsset[] = [];
  for (const dependency of stack.dependencies ?? []) {
    const artifact = artifacts[dependency];
    if (artifact?.type !== 'cdk:asset-manifest' || !artifact.properties?.file) continue;
    const file = join(root, artifact.properties.file);
    const assetManifest = await readJson<RawAssetManifest>(file, 'asset manifest');
    if (Object.keys(assetManifest.dockerImages ?? {}).length > 0) {
      throw new ConfigError(`The asset manifest ${file} has container image assets, which this deployer does not publish (the dbt image is pushed separately and named by the DbtImageTag parameter).`);
    }
    for (const [id, asset] of Object.entries(assetManifest.files ?? {})) {
      const packaging = asset.source?.packaging ?? 'file';
      if (!asset.source?.path || (packaging !== 'file' && packaging !== 'zip') || asset.source.executable) {
        throw new ConfigError(`The asset ${id} in ${file} is not a file or folder asset this deployer can publish.`);
      }
      const destinations = Object.values(asset.destinations ?? {}).map((destination) => {
        if (destination.assumeRoleArn) throw new ConfigError(`The asset ${id} in ${file} is published through the role ${destination.assumeRoleArn}; only CliCredentialsStackSynthesizer assemblies are supported.`);
        if (!destination.bucketName || !destination.objectKey) throw new ConfigError(`The asset ${id} in ${file} has a destination without bucketName or objectKey.`);
        return { bucketName: resolvePlaceholders(destination.bucketName, env), objectKey: resolvePlaceholders(destination.objectKey, env) };
      });
      assets.push({ id, displayName: asset.displayName ?? id, sourcePath: join(root, asset.source.path), packaging, destinations });
    }
  }

  let templateObject: AssetDestination | undefined;
  if (properties.stackTemplateAssetObjectUrl) {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(resolvePlaceholders(properties.stackTemplateAssetObjectUrl, env));
    if (!match) throw new ConfigError(`The stack ${artifactId} has an unreadable stackTemplateAssetObjectUrl: ${properties.stackTemplateAssetObjectUrl}`);
    templateObject = { bucketName: match[1] as string, objectKey: match[2] as string };
  }

  const tags = Array.isArray(properties.tags) ? properties.tags : Object.entries(properties.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return {
    artifactId,
    templateFile: templatePath,
    template: JSON.parse(templateText) as StackArtifact['template'],
    templateBytes: Buffer.byteLength(templateText),
    tags,
    ...(templateObject ? { templateObject } : {}),
    assets,
  };
}
