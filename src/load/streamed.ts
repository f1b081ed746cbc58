/**
 * Kubernetes documents handed to a command as each file is read (`pss check`), instead of being kept until the whole
 * inventory is built: what the command keeps of them is its answer, and the documents and their position tables die
 * young. A document given away is read again from its file's text only when a later object shares its identity
 * (`load/duplicates.ts`: the same object declared twice is judged once).
 */
import type { Inventory, LoadIssue } from '../model/inventory.js';
import type { K8sObject, PodTemplate } from '../model/k8s.js';
import type { SourceDocument } from './document.js';
import { type Recall, StreamedOnce } from './duplicates.js';
import { objectsOfDocument } from './k8s/objects.js';
import { podTemplateOf } from './k8s/podTemplates.js';
import { parseYamlFile, type YamlReadOptions } from './yaml.js';

/** A file whose documents were handed out: its text (held by the reader anyway) and how it was read. */
export interface FileText {
  readonly file: string;
  readonly text: string;
  readonly options: YamlReadOptions;
}

/**
 * Takes one Kubernetes document of a plain file (not rendered) as its file is read. Issues it finds go in `issues`,
 * which the source reports after its own: where `inventoryOf` puts the issues of the documents' objects.
 */
export type DocumentTaker = (document: SourceDocument, from: FileText, issues: LoadIssue[]) => void;

/** The document at stream index `index` of a file read before, read again exactly as it was (same text, options). */
function readDocumentAgain(from: FileText, index: number): SourceDocument | undefined {
  return parseYamlFile(from.file, from.text, from.options).documents.find(
    (document) => document.index === index,
  );
}

/**
 * The pod templates of Kubernetes documents taken one at a time, as the inventory would list them: each document's
 * objects (`objectsOfDocument`), later identical copies of an object left out (`keepOnce`), every Pod and workload
 * template handed to `onTemplate` in order. Namespace declarations (the inventory keeps the last one) are not pod
 * templates, so they change nothing here. `rest` then gives the inventory's own templates (documents not taken:
 * rendered charts and overlays, which come after the files' documents) without the copies of taken objects.
 */
export class StreamedPodTemplates {
  private readonly once = new StreamedOnce();

  constructor(
    private readonly defaultNamespace: string,
    private readonly onTemplate: (template: PodTemplate) => void,
  ) {}

  /** The `DocumentTaker` to give the files source. */
  readonly take: DocumentTaker = (document, from, issues) => {
    const namespace = document.defaultNamespace ?? this.defaultNamespace;
    const result = objectsOfDocument(document, namespace);
    for (const issue of result.issues) issues.push(issue);
    const objects = result.objects;
    for (let ordinal = 0; ordinal < objects.length; ordinal++) {
      const object = objects[ordinal]!;
      if (this.once.isCopy(object, new TakenObject(from, document.index, ordinal, namespace))) continue;
      const template = podTemplateOf(object);
      if (template) this.onTemplate(template);
    }
  };

  /** The inventory's pod templates, in order, less those `keepOnce` would have dropped as copies of taken objects. */
  rest(inventory: Inventory): PodTemplate[] {
    return inventory.podTemplates.filter((template) => !this.once.hasCopyOf(template.owner));
  }
}

/** An object taken and let go, got back by reading its document again. */
class TakenObject implements Recall {
  constructor(
    private readonly from: FileText,
    private readonly index: number,
    private readonly ordinal: number,
    private readonly namespace: string,
  ) {}

  object(): K8sObject | undefined {
    const document = readDocumentAgain(this.from, this.index);
    return document ? objectsOfDocument(document, this.namespace).objects[this.ordinal] : undefined;
  }
}
