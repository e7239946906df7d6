/**
 * A deal's dated events as `check` reports them: one `event-out-of-order` on the line that
 * is out of place, one `event-after-end` for everything after the end.
 */
import { describe, expect, it } from 'vitest';
import { playbook, tempTree } from './cli-helpers.js';

const PLAYBOOK = `playbook P {
  field canPay: bool = true
  stage Lead { task Call }
  stage Won
  terminate Lost "Customer cannot pay" when not canPay
}
`;

type Finding = { line: number; code: string; message: string };

function check(deal: string): Finding[] {
    const result = playbook(['check', 'p.playbook', '--format', 'json'], { cwd: tempTree({ 'p.playbook': `${PLAYBOOK}${deal}` }) });
    return (JSON.parse(result.stdout) as Finding[]).filter(f => f.code.startsWith('event-'));
}

describe('event-out-of-order', () => {
    it('one mis-dated event gives one finding, on its line, naming the line after it', () => {
        const findings = check(`deal D for P {
  2026-01-01 enter Lead
  2026-10-02 done Call
  2026-01-03 done Call
  2026-01-04 done Call
  2026-01-05 done Call
  2026-01-06 done Call
  2026-01-07 done Call
}
`);
        expect(findings).toEqual([{ line: 9, code: 'event-out-of-order', message: '2026-10-02 is later than the event after it (2026-01-03); events must be in date order.', column: 3, endLine: 9, endColumn: 13, severity: 'error', file: 'p.playbook' }]);
    });

    it('"the event before it" is the line above', () => {
        const findings = check(`deal D for P {
  2026-01-01 enter Lead
  2026-01-05 done Call
  2026-01-03 done Call
  2026-01-06 done Call
}
`);
        expect(findings.map(f => [f.line, f.message])).toEqual([[10, '2026-01-03 is earlier than the event before it (2026-01-05); events must be in date order.']]);
    });
});

describe('event-after-end', () => {
    it('an automatic termination followed by 13 events: one finding, on the first, counting them', () => {
        const after = Array.from({ length: 13 }, (_, i) => `  2026-02-${String(i + 10)} done Call\n`).join('');
        const findings = check(`deal D for P {
  2026-01-01 enter Lead
  2026-01-05 set canPay = false
${after}}
`);
        expect(findings.map(f => [f.line, f.message])).toEqual([[10,
            'The deal already ended (Lost on 2026-01-05, automatically: "Customer cannot pay"); nothing can happen after that, but 13 events follow it (this one and 12 more).']]);
    });
});
