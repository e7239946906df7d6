/** A variant and its base in two files, as a user runs the command on the variant's file alone. */
import { describe, expect, it } from 'vitest';
import { playbook, tempTree } from './cli-helpers.js';

const BASE = `playbook Direct {
  field budget: money

  stage Lead {
    task Call required
    gate Qualified {
      when budget > 0
    }
  }
  stage Demo {
    task Show required
  }
  stage Close {
    task Sign required
  }
}
`;

const RETAIL = `playbook Retail variant of Direct {
  drop stage Demo

  stage Counter after Lead {
    task Greet required
  }
}

deal Walkin for Retail {
  2026-01-01 enter Lead
  2026-01-01 done Call
  2026-01-01 set budget = 10
  2026-01-02 enter Counter
  2026-01-02 done Greet
  2026-01-03 enter Close
  2026-01-03 done Sign
  2026-01-03 won
}
`;

const GROSS = `playbook Gross variant of Retail {
  drop stage Counter
}
`;

describe('a variant on the command line', () => {
    it('export reads the base beside it, says so, and writes the resolved stages with the base named', () => {
        const dir = tempTree({ 'direct.playbook': BASE, 'retail.playbook': RETAIL });
        const result = playbook(['export', 'retail.playbook'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stderr).toBe("playbook: read playbook Direct from 'direct.playbook' (playbook Retail is a variant of it)\n");
        const document = JSON.parse(result.stdout);
        expect(document.playbook.variantOf).toBe('Direct');
        expect(document.playbook.stages.map((s: { name: string }) => s.name)).toEqual(['Lead', 'Counter', 'Close']);
    });

    it('check and simulate of a variant of a variant read the bases along the chain', () => {
        const dir = tempTree({ 'direct.playbook': BASE, 'retail.playbook': RETAIL, 'gross.playbook': GROSS });
        const check = playbook(['check', 'gross.playbook'], { cwd: dir });
        expect(check.code).toBe(0);
        expect(check.stderr).toContain("read playbook Retail from 'retail.playbook' (playbook Gross is a variant of it)");
        expect(check.stderr).toContain("read playbook Direct from 'direct.playbook' (playbook Retail is a variant of it)");
        const simulate = playbook(['simulate', 'retail.playbook', '--format', 'json'], { cwd: dir });
        expect(simulate.code).toBe(0);
        expect(JSON.parse(simulate.stdout).deals[0].outcome.kind).toBe('won');
    });

    it('a base that is not beside it: an error on the base name, exit 1', () => {
        const dir = tempTree({ 'retail.playbook': RETAIL });
        const result = playbook(['check', 'retail.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout).map((d: { line: number; code: string }) => `${d.line} ${d.code}`)).toContain("1 unresolved-reference");
    });

    it('import of the export writes the resolved playbook with its lineage, and exports to the same bytes', () => {
        const dir = tempTree({ 'direct.playbook': BASE, 'retail.playbook': RETAIL });
        expect(playbook(['export', 'retail.playbook', '-o', 'retail.json'], { cwd: dir }).code).toBe(0);
        expect(playbook(['import', 'retail.json', '-o', 'resolved.playbook'], { cwd: dir }).code).toBe(0);
        const again = playbook(['export', 'resolved.playbook'], { cwd: dir });
        expect(again.code).toBe(0);
        expect(again.stdout).toBe(playbook(['export', 'retail.playbook'], { cwd: dir }).stdout);
    });
});
