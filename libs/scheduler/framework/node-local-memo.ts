// Answers of node-local plugins kept between cycles, as kube ≥1.34 batches pods of one signature:
// a node-local plugin's filter status and raw score depend only on the fields of the pod that its
// signPod captures and on the NodeInfo, and between two pods only the nodes they were assumed on
// take a new generation. So pods of one signature reuse the answers for every node whose
// generation has not moved. A generation is never reused (clones keep their original's, with the
// same content), so a stale answer is never read.
import type { NodeInfo } from './node-info';
import type { Status } from './status';

/** One node's answers at one generation, by the plugin's index at its extension point. */
export interface NodeAnswers {
  generation: number;
  /** undefined: not asked yet at this generation. */
  readonly filter: (Status | undefined)[];
  /** NaN: not asked yet at this generation. */
  readonly score: number[];
}

/** The answers for one pod signature, by node name. */
export class SignatureAnswers {
  private readonly nodes = new Map<string, NodeAnswers>();

  constructor(
    private readonly filterPlugins: number,
    private readonly scorePlugins: number,
  ) {}

  /** The node's answers at its current generation (emptied when it moved). */
  forNode(nodeInfo: NodeInfo): NodeAnswers {
    const name = nodeInfo.name!;
    let answers = this.nodes.get(name);
    if (!answers) {
      answers = {
        generation: nodeInfo.generation,
        filter: new Array<Status | undefined>(this.filterPlugins).fill(undefined),
        score: new Array<number>(this.scorePlugins).fill(NaN),
      };
      this.nodes.set(name, answers);
    } else if (answers.generation !== nodeInfo.generation) {
      answers.generation = nodeInfo.generation;
      answers.filter.fill(undefined);
      answers.score.fill(NaN);
    }
    return answers;
  }
}

/** The answers of the most recently scheduled signatures, the least recent dropped past `capacity`. */
export class NodeLocalMemo {
  private readonly bySignature = new Map<string, SignatureAnswers>();

  constructor(
    private readonly capacity: number,
    private readonly filterPlugins: number,
    private readonly scorePlugins: number,
  ) {}

  forSignature(signature: string): SignatureAnswers {
    let answers = this.bySignature.get(signature);
    if (answers) {
      this.bySignature.delete(signature);
    } else {
      answers = new SignatureAnswers(this.filterPlugins, this.scorePlugins);
      if (this.bySignature.size >= this.capacity) this.bySignature.delete(this.bySignature.keys().next().value!);
    }
    this.bySignature.set(signature, answers);
    return answers;
  }

  get size(): number {
    return this.bySignature.size;
  }
}
