/** The calibration as text: tables padded by display width, unknown figures as "—". */
import { calibrateDeals, formatCalibration, type PlaybookModel } from '@playbook/model';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

const playbook: PlaybookModel = {
    name: 'P', forbidRegressions: false, fields: [], terminations: [{ outcome: 'Lost', reason: 'No deal', from: [] }],
    stages: [
        { name: '陌生期', optional: false, probability: 10, withinDays: 3, aliases: ['Cold'], tasks: [], gates: [] },
        { name: 'Negotiation', optional: true, aliases: [], tasks: [], gates: [] }
    ]
};

describe('formatCalibration', () => {
    it('lines up the columns of every table, whatever the width of the stage names', async () => {
        async function* rows(): AsyncGenerator<string> {
            yield 'deal,stage,date\nA,Cold,2026-01-01\nA,Negotiation,2026-01-09\nA,Won,2026-01-10\nB,Cold,2026-01-01\nB,Lost,2026-01-02\n';
        }
        const { calibration } = await calibrateDeals(rows(), playbook, { file: 'h.csv', format: 'csv' });
        const text = formatCalibration(calibration!);
        const tables = text.split('\n\n').filter(block => /\n-+ /.test(block));
        expect(tables).toHaveLength(3);
        for (const table of tables) {
            const lines = table.split('\n').slice(1);
            const rule = lines.find(line => /^-+( +-+)+$/.test(line))!;
            const header = lines[lines.indexOf(rule) - 1];
            // Every row ends its first column where the rule's first dashes end (display columns).
            const firstWidth = rule.indexOf(' ');
            for (const row of lines.slice(lines.indexOf(rule) + 1)) {
                const name = row.match(/^\S+/)![0];
                expect(stringWidth(name)).toBeLessThanOrEqual(firstWidth);
                expect(stringWidth(row)).toBeLessThanOrEqual(stringWidth(rule));
            }
            expect(stringWidth(header)).toBeLessThanOrEqual(stringWidth(rule));
        }
        expect(text).toContain('陌生期');
        // Negotiation has no declared probability and no closed stay of its own timed: "—", never 0.
        expect(text).toMatch(/^Negotiation +— +100\.0%/m);
        expect(text).toContain('Conformance: 1 of 2 deals (50.0%) has no violation; 3 of 3 transitions (100.0%) follow the playbook');
    });
});
