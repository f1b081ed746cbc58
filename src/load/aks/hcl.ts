/** Parses HCL into hcl2json's JSON shape. hcl2json (a WebAssembly build of the HCL parser) is loaded on first use. */
export async function parseHcl(file: string, text: string): Promise<unknown> {
  const { parse } = await import('@cdktf/hcl2json');
  return parse(file, text);
}
