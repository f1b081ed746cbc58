import type { Source, SourceOutput } from '../../source.js';
import { type AzureClientOptions, type AzureRead, outputOfAzureRead, readAzureCluster } from './read.js';

/** A managed cluster in Azure Resource Manager as a source (`--azure-cluster ID`). */
export class AzureClusterSource implements Source {
  readonly name: string;
  /** The raw read, for `aksguard snapshot`. */
  lastRead?: AzureRead;
  /** Requests made and time taken, for the summary line. */
  stats?: { elapsedMs: number };

  constructor(
    private readonly clusterId: string | (() => Promise<string>),
    private readonly options: AzureClientOptions,
  ) {
    this.name = typeof clusterId === 'string' ? clusterId : 'azure';
  }

  async read(): Promise<SourceOutput> {
    const started = performance.now();
    const id = typeof this.clusterId === 'string' ? this.clusterId : await this.clusterId();
    this.lastRead = await readAzureCluster(id, this.options);
    this.stats = { elapsedMs: performance.now() - started };
    return outputOfAzureRead(this.lastRead);
  }
}
