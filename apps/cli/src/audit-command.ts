import type { INestApplicationContext } from '@nestjs/common';
import { AuditSealerService, AuditTreeService, AuditVerifierService, verifyConsistency, verifyInclusion } from '@hub/audit';

export const AUDIT_USAGE = `  audit verify [--from-seal S] [--to-seal T]   check the log against its seals (all, or seals S to T); name the first event altered, removed, reordered or inserted (exit 1)
  audit seal                                seal every event of a finished transaction now (the worker does it every second)
  audit tree-head                           print the latest signed tree head
  audit prove <eventId> [--tree-size N]     print an inclusion proof of the event (against the head of N leaves, or the latest), checked
  audit consistency <first> [second]        print a consistency proof between two tree heads (sizes; second: the latest), checked`;

const size = (text: string | undefined, what: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(text)) throw new Error(`${what} must be a tree size (a whole number from 1)`);
  return Number(text);
};

/** `audit …` of the CLI. Returns the exit code. */
export async function auditCommand(
  app: INestApplicationContext,
  positionals: string[],
  values: { 'from-seal'?: string; 'to-seal'?: string; 'tree-size'?: string },
): Promise<number> {
  const [sub, arg, arg2] = positionals;
  const tree = app.get(AuditTreeService);
  switch (sub) {
    case 'verify': {
      for (const v of [values['from-seal'], values['to-seal']])
        if (v !== undefined && !/^[1-9][0-9]{0,15}$/.test(v)) throw new Error('a seal is a whole number from 1');
      const result = await app.get(AuditVerifierService).verify({ fromSeal: values['from-seal'], toSeal: values['to-seal'] });
      (result.ok ? console.log : console.error)(result.message);
      return result.ok ? 0 : 1;
    }
    case 'seal': {
      const sealed = await app.get(AuditSealerService).sealAll();
      const head = await tree.treeHead();
      console.log(JSON.stringify({ sealed, treeHead: head }));
      return 0;
    }
    case 'tree-head': {
      const head = await tree.treeHead();
      if (!head) throw new Error('the log has no seal yet (audit seal, or wait for the worker)');
      console.log(JSON.stringify(head, null, 2));
      return 0;
    }
    case 'prove': {
      if (!arg || !/^[1-9][0-9]{0,18}$/.test(arg)) throw new Error('usage: audit prove <eventId> [--tree-size N]');
      const proof = await tree.inclusionProof(arg, size(values['tree-size'], '--tree-size'));
      if (!proof) throw new Error(`audit event ${arg} is not sealed in that tree (or not there)`);
      const ok = verifyInclusion(proof.leafHash, proof.leafIndex, proof.treeHead.treeSize, proof.auditPath, proof.treeHead.rootHash);
      console.log(JSON.stringify({ ...proof, checked: ok }, null, 2));
      return ok ? 0 : 1;
    }
    case 'consistency': {
      const first = size(arg, 'first');
      if (first === undefined) throw new Error('usage: audit consistency <first> [second]');
      const proof = await tree.consistencyProof(first, size(arg2, 'second'));
      if (!proof) throw new Error('no seal has that tree size');
      const ok = verifyConsistency(proof.first.treeSize, proof.second.treeSize, proof.first.rootHash, proof.second.rootHash, proof.proof);
      console.log(JSON.stringify({ ...proof, checked: ok }, null, 2));
      return ok ? 0 : 1;
    }
    default:
      throw new Error(`usage:\n${AUDIT_USAGE}`);
  }
}
