/**
 * The raw JSON of Azure responses, as ARM sent it. The SDK clients reshape bodies into their models (`properties`
 * flattened, `enableRBAC` renamed `enableRbac`); aksguard's normaliser reads the ARM body every other dialect is
 * compared with, so a pipeline policy keeps each response's text while the SDK pages, authenticates and retries.
 */

interface CapturedRequest {
  url: string;
  method: string;
}

interface CapturedResponse {
  status: number;
  bodyAsText?: string | null;
  headers: { get(name: string): string | undefined };
}

export interface RawResponse {
  url: string;
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
}

/** Response headers kept beside the body (Resource Graph quota, ARM throttling). */
const KEPT_HEADERS = [
  'x-ms-user-quota-remaining',
  'x-ms-user-quota-resets-after',
  'x-ms-ratelimit-remaining-subscription-reads',
  'x-ms-tenant-subscription-limit-hit',
  'retry-after',
];

export class RawCapture {
  private responses: RawResponse[] = [];
  /** Requests sent (after the SDK's retries, one per call and page). */
  requests = 0;

  /** The pipeline policy to add to an SDK client (`additionalPolicies: [{ policy, position: 'perCall' }]`). */
  readonly policy = {
    name: 'aksguardRawCapture',
    sendRequest: async <R extends CapturedResponse>(
      request: CapturedRequest,
      next: (request: CapturedRequest) => Promise<R>,
    ): Promise<R> => {
      const response = await next(request);
      this.requests++;
      let body: unknown;
      try {
        body = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
      } catch {
        body = undefined;
      }
      const headers: Record<string, string | undefined> = {};
      for (const name of KEPT_HEADERS) headers[name] = response.headers.get(name);
      this.responses.push({ url: request.url, status: response.status, body, headers });
      return response;
    },
  };

  /** Runs one SDK operation (a get, or a pager driven to its end) and returns the raw responses it produced. */
  async during<T>(operation: () => Promise<T>): Promise<{ result: T; responses: RawResponse[] }> {
    this.responses = [];
    const result = await operation();
    const responses = this.responses;
    this.responses = [];
    return { result, responses };
  }
}

/** The items of raw list pages (`value` of each page), in order. */
export function rawItems(responses: readonly RawResponse[]): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const response of responses) {
    const body = response.body as { value?: unknown } | undefined;
    if (response.status >= 200 && response.status < 300 && Array.isArray(body?.value))
      for (const item of body.value)
        if (item && typeof item === 'object') items.push(item as Record<string, unknown>);
  }
  return items;
}

/** Drives a paged SDK iterator to its end. */
export async function drain(iterator: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of iterator) count++;
  return count;
}
